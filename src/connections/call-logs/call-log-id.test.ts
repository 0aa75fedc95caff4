import { describe, expect, it } from 'vitest';
import { isUuid } from '../../db/ids.ts';
import { newCallLogId } from './call-log-id.ts';
import { uuidV7Floor } from './prune-call-logs.ts';

describe('newCallLogId', () => {
  it('makes UUIDv7s that sort in creation order, even many within one millisecond', () => {
    const now = Date.now();
    const ids = Array.from({ length: 10_000 }, () => newCallLogId(now));
    expect(ids.every(isUuid)).toBe(true);
    expect(ids.every((id) => id[14] === '7' && '89ab'.includes(id[19]))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0] >= uuidV7Floor(now)).toBe(true);
    const later = newCallLogId(now + 10_000);
    expect(later > ids.at(-1)!).toBe(true);
    expect(later.startsWith(uuidV7Floor(now + 10_000).slice(0, 13))).toBe(true);
  });
});
