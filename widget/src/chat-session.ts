import { type ApiClient, ApiError } from './api-client.ts';
import { openRealtime, type Realtime } from './realtime-connection.ts';
import type { SessionStore } from './session-store.ts';
import type { ChatMessage, StoredSession, VisitorIdentity } from './types.ts';

export interface SessionEvents {
  message(message: ChatMessage, live: boolean): void;
  typing(active: boolean): void;
  online(online: boolean): void;
  /** The stored conversation is gone (expired token, another user): clear the transcript. */
  reset(): void;
}

/** 401/403/404/409 on our own conversation: the token or the conversation is no longer usable. */
const isDeadSession = (error: unknown) =>
  error instanceof ApiError && [401, 403, 404, 409, 410].includes(error.status);

/** The visitor's conversation: started on the first message, resumed from localStorage, kept live. */
export function createChatSession(
  api: ApiClient,
  store: SessionStore,
  language: string,
  events: SessionEvents,
) {
  let session: StoredSession | null = store.load();
  let identity: VisitorIdentity | undefined;
  let realtime: Realtime | null = null;
  let starting: Promise<StoredSession> | null = null;
  let lastId: string | null = null;
  let loaded = false;
  const seen = new Set<string>();

  function deliver(message: ChatMessage, live: boolean): void {
    if (seen.has(message.id)) return;
    seen.add(message.id);
    lastId = message.id;
    events.message(message, live);
  }

  /** Fetches everything after the last message seen, page by page (the server pages at 100). */
  async function catchUp(): Promise<void> {
    const current = session;
    if (!current) return;
    try {
      for (let page = 0; page < 50; page++) {
        const messages = await api.listMessages(current.conversationId, current.visitorToken, lastId);
        if (session !== current) return;
        for (const message of messages) deliver(message, loaded);
        if (messages.length < 100) break;
      }
      loaded = true;
    } catch (error) {
      if (isDeadSession(error) && session === current) forget();
    }
  }

  function connect(current: StoredSession): void {
    realtime?.close();
    realtime = openRealtime(() => api.socketUrl(current.conversationId, current.visitorToken), {
      connected: () => {
        events.online(true);
        void catchUp();
      },
      disconnected: () => events.online(false),
      refused: () => void catchUp(),
      frame: ({ type, data }) => {
        if (data?.conversationId !== undefined && data.conversationId !== current.conversationId) return;
        if (type === 'message.created') deliver(data as unknown as ChatMessage, true);
        else if (type === 'typing') events.typing(Boolean(data.active));
      },
    });
  }

  function forget(): void {
    realtime?.close();
    realtime = null;
    session = null;
    starting = null;
    lastId = null;
    loaded = false;
    seen.clear();
    store.clear();
    events.online(true);
    events.typing(false);
    events.reset();
  }

  /** Whether a stored session may be used by this tab's visitor (another user's never is). */
  const belongsToVisitor = (stored: StoredSession) => stored.userId === (identity?.userId ?? null);

  /** Switches to the conversation another tab of this site started or resumed. */
  function adopt(stored: StoredSession): void {
    if (session) {
      realtime?.close();
      realtime = null;
      lastId = null;
      seen.clear();
      events.reset();
    }
    session = stored;
    loaded = false;
    void catchUp();
    connect(stored);
  }

  const unwatch = store.watch((stored) => {
    if (stored === null) {
      // Another tab's visitor logged out (Parley.reset()) or the session died there.
      if (session && !starting) forget();
    } else if (stored.conversationId !== session?.conversationId && belongsToVisitor(stored)) {
      adopt(stored);
    }
  });

  async function ensureConversation(): Promise<StoredSession> {
    if (session) return session;
    // Another tab may have started the conversation since this one loaded.
    const stored = store.load();
    if (stored && belongsToVisitor(stored)) {
      adopt(stored);
      return stored;
    }
    starting ??= api.startConversation(identity, language).then((started) => {
      session = { ...started, userId: identity?.userId ?? null };
      store.save(session);
      loaded = true;
      connect(session);
      return session;
    });
    try {
      return await starting;
    } finally {
      starting = null;
    }
  }

  let queue: Promise<unknown> = Promise.resolve();

  return {
    /** Resumes a stored conversation: transcript first, then the live socket. */
    resume(): void {
      if (!session) return;
      void catchUp();
      connect(session);
    },

    /** Later identity wins; a different user than the stored session's starts a fresh conversation. */
    identify(next: VisitorIdentity): void {
      identity = next;
      if (session && session.userId !== next.userId) forget();
    },

    /** Sends in order; a dead session (expired token, closed conversation) is replaced once. */
    send(content: string): Promise<ChatMessage> {
      const attempt = async (retried: boolean): Promise<ChatMessage> => {
        const current = await ensureConversation();
        try {
          const message = await api.sendMessage(current.conversationId, current.visitorToken, content);
          seen.add(message.id);
          return message;
        } catch (error) {
          if (retried || !isDeadSession(error) || session !== current) throw error;
          forget();
          return attempt(true);
        }
      };
      const result = queue.then(() => attempt(false));
      queue = result.catch(() => undefined);
      return result;
    },

    /** The host page's user logged out: forget the identity and the conversation on this browser. */
    reset(): void {
      identity = undefined;
      forget();
    },

    close(): void {
      unwatch();
      realtime?.close();
      realtime = null;
    },
  };
}

export type ChatSession = ReturnType<typeof createChatSession>;
