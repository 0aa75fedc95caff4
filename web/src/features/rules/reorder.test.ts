import { describe, expect, it } from 'vitest';
import { moveItem, priorityChanges } from './reorder.ts';

describe('drag-to-reorder priorities', () => {
  it('moves an item to the drop position', () => {
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
    expect(moveItem(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'b', 'c']);
  });

  it('renumbers 10, 20, 30… and patches only the rules whose priority changes', () => {
    const rules = [
      { id: 'c', priority: 30 },
      { id: 'a', priority: 10 },
      { id: 'b', priority: 20 },
    ];
    expect(priorityChanges(rules)).toEqual([
      { id: 'c', priority: 10 },
      { id: 'a', priority: 20 },
      { id: 'b', priority: 30 },
    ]);
    expect(
      priorityChanges([
        { id: 'x', priority: 10 },
        { id: 'y', priority: 20 },
      ]),
    ).toEqual([]);
  });
});
