import { describe, expect, it } from 'vitest';
import type { Message } from './inbox-types.ts';
import { mergeMessages } from './merge-messages.ts';

const message = (id: string, createdAt: string, content = id): Message =>
  ({ id, createdAt, content, role: 'visitor', isAutoReply: false }) as Message;

describe('the transcript the inbox shows', () => {
  it('keeps older pages and earlier windows when a reload brings only the latest messages', () => {
    const shown = [message('a', '2026-01-01T00:00:01Z'), message('b', '2026-01-01T00:00:02Z')];
    const earlier = [message('0', '2026-01-01T00:00:00Z')];
    const reloaded = [
      message('b', '2026-01-01T00:00:02Z', 'b (edited)'),
      message('c', '2026-01-01T00:00:03Z'),
    ];
    const merged = mergeMessages(mergeMessages(shown, earlier), reloaded);
    expect(merged.map((m) => m.content)).toEqual(['0', 'a', 'b (edited)', 'c']);
  });

  it('orders messages of the same millisecond by id', () => {
    const at = '2026-01-01T00:00:00Z';
    expect(mergeMessages([message('id-2', at)], [message('id-1', at)]).map((m) => m.id)).toEqual([
      'id-1',
      'id-2',
    ]);
  });
});
