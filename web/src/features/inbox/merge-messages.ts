import type { Message } from './inbox-types.ts';

/**
 * Every message seen so far, once each, oldest first. The view keeps what it has shown: a reload
 * brings only the latest page, and older pages come from "Show earlier messages".
 */
export function mergeMessages(seen: readonly Message[], incoming: readonly Message[]): Message[] {
  const byId = new Map<string, Message>();
  for (const message of seen) byId.set(message.id, message);
  for (const message of incoming) byId.set(message.id, message);
  // createdAt first; UUIDv7 ids break ties in creation order.
  return [...byId.values()].sort((a, b) =>
    a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1,
  );
}
