export type MessageRole = 'visitor' | 'ai' | 'operator' | 'system';

/** A message as the Widget API shows it. */
export interface ChatMessage {
  id: string;
  role: MessageRole;
  content: string;
  /** On a translating widget: for team and assistant messages, the visitor's version of `content`. */
  translatedContent?: string | null;
  createdAt: string;
}

export interface VisitorIdentity {
  userId: string;
  email?: string;
  name?: string;
  /** HMAC-SHA256(identitySecret, userId) in hex, computed by the host page's server. */
  userHash?: string;
}

export interface WidgetConfig {
  name: string;
  primaryColor: string;
  position: 'bottom-right' | 'bottom-left';
  /** The widget's default language when the server knows one. */
  language?: string | null;
  /** false: this page's origin is not in the widget's allowed origins, so it cannot chat here. */
  originAllowed?: boolean;
}

/** What the visitor keeps in localStorage to resume the conversation after a reload. */
export interface StoredSession {
  conversationId: string;
  visitorToken: string;
  /** The identified user the session belongs to; another user on the same browser starts afresh. */
  userId: string | null;
}

export interface ServerFrame {
  type: string;
  data: Record<string, unknown>;
}
