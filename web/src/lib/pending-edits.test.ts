import { describe, expect, it } from 'vitest';
import { createPendingEdits } from './pending-edits.ts';

interface Row {
  id: string;
  at: number;
}
const upsert =
  (row: Row) =>
  (current: Row[] | undefined): Row[] =>
    [row, ...(current ?? []).filter((r) => r.id !== row.id)].sort((a, b) => b.at - a.at);

describe('edits made while a list loads', () => {
  it('survive the answer of a load that started before them', () => {
    const edits = createPendingEdits<Row[]>();
    const load = edits.begin();
    edits.record(upsert({ id: 'new', at: 3 })); // a live event arrives while the GET is in flight
    const answer = [
      { id: 'b', at: 2 },
      { id: 'a', at: 1 },
    ];
    expect(edits.settle(load, answer)?.map((r) => r.id)).toEqual(['new', 'b', 'a']);
  });

  it('are not replayed on loads that start after them, nor after the load settled', () => {
    const edits = createPendingEdits<Row[]>();
    edits.record(upsert({ id: 'early', at: 9 }));
    const first = edits.begin();
    const second = edits.begin();
    edits.record(upsert({ id: 'x', at: 5 }));
    expect(edits.settle(first, [])?.map((r) => r.id)).toEqual(['x']);
    edits.record(upsert({ id: 'y', at: 6 }));
    expect(edits.settle(second, [{ id: 'x', at: 5 }])?.map((r) => r.id)).toEqual(['y', 'x']);
    const third = edits.begin();
    expect(edits.settle(third, [])).toEqual([]);
  });

  it('forgets a failed load', () => {
    const edits = createPendingEdits<Row[]>();
    const failed = edits.begin();
    edits.drop(failed);
    edits.record(upsert({ id: 'z', at: 1 }));
    expect(failed).toEqual([]);
  });
});
