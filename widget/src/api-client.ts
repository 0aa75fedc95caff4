import type { ChatMessage, VisitorIdentity, WidgetConfig } from './types.ts';

/** A non-2xx answer; `status` 0 means the network failed before any answer. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/**
 * A server that accepted the connection but never answers would leave a message spinning forever;
 * past this the request counts as a network failure (the visitor sees "Not sent" and can retry).
 */
export const REQUEST_TIMEOUT_MS = 10_000;

async function request<T>(url: string, init: RequestInit & { token?: string } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body) headers['content-type'] = 'application/json';
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), REQUEST_TIMEOUT_MS);
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, { ...init, headers, credentials: 'omit', signal: deadline.signal });
    text = await response.text();
  } catch (error) {
    throw new ApiError(0, 'NETWORK', deadline.signal.aborted ? 'No answer in time' : String(error));
  } finally {
    clearTimeout(timer);
  }
  const body = parseJson(text) as {
    data?: T;
    error?: { code: string; message: string };
  } | null;
  if (!response.ok || !body || !('data' in body)) {
    throw new ApiError(
      response.status,
      body?.error?.code ?? 'HTTP',
      body?.error?.message ?? response.statusText,
    );
  }
  return body.data as T;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The Widget API (SPEC §5) as seen by the visitor's browser. */
export function createApiClient(apiBase: string, widgetId: string) {
  const widget = `${apiBase}/${encodeURIComponent(widgetId)}`;
  const conversation = (id: string) => `${apiBase}/conversations/${encodeURIComponent(id)}`;
  return {
    /**
     * The widget's public settings (GET /{widgetId}). With the visitor's stored conversation, a
     * widget switched off meanwhile still answers, so a reload mid-chat keeps the chat.
     */
    getConfig: (stored?: { conversationId: string; visitorToken: string } | null) =>
      stored
        ? request<WidgetConfig>(`${widget}?conversationId=${encodeURIComponent(stored.conversationId)}`, {
            token: stored.visitorToken,
          })
        : request<WidgetConfig>(widget),

    startConversation(identity: VisitorIdentity | undefined, language: string) {
      // The server validates strictly; a browser's odd language tag or a host page's odd email
      // must not stop a visitor from chatting, so such values are left out rather than sent.
      const body = {
        language: /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})?/.exec(language)?.[0],
        ...(identity && {
          visitorId: identity.userId,
          visitorEmail:
            identity.email && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(identity.email) ? identity.email : undefined,
          visitorName: identity.name?.slice(0, 200),
          userHash: identity.userHash,
        }),
      };
      return request<{ conversationId: string; visitorToken: string }>(`${widget}/conversations`, {
        method: 'POST',
        body: JSON.stringify(body),
      });
    },

    async sendMessage(conversationId: string, token: string, content: string): Promise<ChatMessage> {
      const data = await request<{ message: ChatMessage }>(`${conversation(conversationId)}/messages`, {
        method: 'POST',
        token,
        body: JSON.stringify({ content }),
      });
      return data.message;
    },

    async listMessages(conversationId: string, token: string, after: string | null): Promise<ChatMessage[]> {
      const query = after ? `?after=${encodeURIComponent(after)}` : '';
      const data = await request<ChatMessage[] | { messages: ChatMessage[] }>(
        `${conversation(conversationId)}/messages${query}`,
        { token },
      );
      return Array.isArray(data) ? data : data.messages;
    },

    socketUrl(conversationId: string, token: string): string {
      return `${conversation(conversationId).replace(/^http/, 'ws')}/ws?token=${encodeURIComponent(token)}`;
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
