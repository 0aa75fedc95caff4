/** Moves the item at `from` to `to` (the drop target's position). */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}

/**
 * Priorities for a new order: 10, 20, 30… (room to slot rules in between later). Returns only
 * the rules whose priority changes, so a reorder sends as few PATCHes as possible.
 */
export function priorityChanges<T extends { id: string; priority: number }>(
  ordered: readonly T[],
): { id: string; priority: number }[] {
  return ordered
    .map((rule, index) => ({ id: rule.id, priority: (index + 1) * 10, before: rule.priority }))
    .filter((change) => change.priority !== change.before)
    .map(({ id, priority }) => ({ id, priority }));
}
