import { type RealtimeEvent, toFrame } from './realtime-event.ts';

/** Receives an event and its frame; the frame is serialised once per event, however many sockets listen. */
export type EventListener = (event: RealtimeEvent, frame: string) => void;

export interface LocalFanout {
  subscribeConversation(conversationId: string, listener: EventListener): () => void;
  subscribeTenant(tenantId: string, listener: EventListener): () => void;
  deliver(event: RealtimeEvent): void;
  /** Open subscriptions in this process (metrics, tests). */
  size(): number;
}

/**
 * This process's listeners indexed by conversation and by tenant in plain Maps of Sets:
 * delivering an event touches only the sockets that want it, and 10,000 idle sockets cost
 * one Set entry and one small closure each.
 */
export function createLocalFanout(onListenerError: (error: unknown) => void = () => {}): LocalFanout {
  const byKey = new Map<string, Set<EventListener>>();
  let count = 0;

  function subscribe(key: string, listener: EventListener): () => void {
    let set = byKey.get(key);
    if (!set) {
      set = new Set();
      byKey.set(key, set);
    }
    set.add(listener);
    count++;
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      count--;
      const current = byKey.get(key);
      current?.delete(listener);
      if (current?.size === 0) byKey.delete(key);
    };
  }

  function notify(key: string, event: RealtimeEvent, frame: () => string): void {
    const set = byKey.get(key);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(event, frame());
      } catch (error) {
        onListenerError(error);
      }
    }
  }

  return {
    subscribeConversation: (id, listener) => subscribe(`c:${id}`, listener),
    subscribeTenant: (id, listener) => subscribe(`t:${id}`, listener),
    deliver(event) {
      let frame: string | undefined;
      const lazyFrame = () => (frame ??= toFrame(event));
      notify(`c:${event.conversationId}`, event, lazyFrame);
      notify(`t:${event.tenantId}`, event, lazyFrame);
    },
    size: () => count,
  };
}
