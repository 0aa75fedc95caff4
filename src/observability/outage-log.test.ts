import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOutageLog } from './outage-log.ts';

describe('outage log', () => {
  afterEach(() => vi.useRealTimers());

  it('warns once per outage and every 30 s meanwhile with the count left out, then says it recovered', () => {
    vi.useFakeTimers();
    const lines: Array<{ level: string; obj: Record<string, unknown>; message: string }> = [];
    const logger = {
      warn: (obj: unknown, message: string) => lines.push({ level: 'warn', obj: obj as never, message }),
      info: (obj: unknown, message: string) => lines.push({ level: 'info', obj: obj as never, message }),
    };
    const log = createOutageLog(() => logger, { down: 'database down', up: 'database back' });
    log.succeeded();
    // A poll failing every second for 65 s.
    for (let s = 0; s < 65; s++) {
      log.failed(new Error('ECONNREFUSED'));
      vi.advanceTimersByTime(1000);
    }
    log.succeeded();
    log.succeeded();
    expect(lines.map((l) => [l.level, l.message, l.obj.suppressed])).toEqual([
      ['warn', 'database down', undefined],
      ['warn', 'database down', 29],
      ['warn', 'database down', 29],
      ['info', 'database back', undefined],
    ]);
  });
});
