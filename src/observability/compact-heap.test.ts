import { expect, it } from 'vitest';
import { compactHeap } from './compact-heap.ts';

it('hands the pages of a heap full of garbage back', () => {
  let garbage: unknown[] | null = Array.from({ length: 400_000 }, (_, i) => ({ i, text: `item ${i}` }));
  const grown = process.memoryUsage().heapTotal;
  expect(garbage.length).toBe(400_000);
  garbage = null;
  compactHeap();
  expect(process.memoryUsage().heapTotal).toBeLessThan(grown);
});
