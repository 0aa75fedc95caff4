export type ConversationStatus = 'open' | 'pending' | 'closed';

export interface Conversation {
  id: string;
  widgetId: string;
  visitorId: string | null;
  visitorName: string | null;
  visitorEmail: string | null;
  visitorLanguage: string | null;
  status: ConversationStatus;
  assignedTo: string | null;
  lastMessageAt: string;
  startedAt: string;
}

export interface Message {
  id: string;
  role: 'visitor' | 'ai' | 'operator' | 'system';
  content: string;
  contentLanguage: string | null;
  translatedContent: string | null;
  translatedLanguage: string | null;
  isAutoReply: boolean;
  createdAt: string;
  conversationId: string;
}

export interface ConversationDetail extends Conversation {
  variables: Record<string, string>;
  messages: Message[];
}

export interface Operator {
  id: string;
  name: string;
  email: string;
  role: 'admin' | 'operator';
  isAvailable: boolean;
}

export const visitorLabel = (c: Pick<Conversation, 'visitorName' | 'visitorEmail' | 'visitorId' | 'id'>) =>
  c.visitorName ||
  c.visitorEmail ||
  (c.visitorId ? `Visitor ${c.visitorId.slice(0, 12)}` : `Visitor ${c.id.slice(-6)}`);

/** Newest activity first, as `GET /conversations` orders them. */
export const byLastMessage = (a: Conversation, b: Conversation) =>
  b.lastMessageAt.localeCompare(a.lastMessageAt);
