import type { StoredSession } from './types.ts';

/** localStorage can throw (Safari private mode, blocked storage): fall back to memory for this page. */
const memory = new Map<string, string>();

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return memory.get(key) ?? null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    if (value === null) memory.delete(key);
    else memory.set(key, value);
  }
}

/** One stored session per widget id, so two widgets on one site do not share a conversation. */
export function createSessionStore(widgetId: string) {
  const key = `parley:${widgetId}`;
  return {
    load(): StoredSession | null {
      try {
        const value = JSON.parse(read(key) ?? 'null') as StoredSession | null;
        return value && typeof value.conversationId === 'string' && typeof value.visitorToken === 'string'
          ? value
          : null;
      } catch {
        return null;
      }
    },
    save(session: StoredSession): void {
      write(key, JSON.stringify(session));
    },
    clear(): void {
      write(key, null);
    },
    /** Calls `changed` when another tab of this site starts, replaces or forgets the session. */
    watch(changed: (session: StoredSession | null) => void): () => void {
      const listener = (event: StorageEvent) => {
        // Read the store rather than event.newValue: with two quick writes the last one wins.
        if (event.key === key || event.key === null) changed(this.load());
      };
      addEventListener('storage', listener);
      return () => removeEventListener('storage', listener);
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
