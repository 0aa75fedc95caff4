/** Events that change stored state; they go through `recordEvent` inside the write transaction. */
export type DomainEventType = 'message.created' | 'conversation.created' | 'conversation.updated';

export interface DomainEvent {
  type: DomainEventType;
  tenantId: string;
  conversationId: string;
  /** The resource exactly as the REST API shows it. */
  data: Record<string, unknown>;
}

/** Ephemeral: "the assistant is working on an answer"; never stored, only pushed to the conversation's sockets. */
export interface TypingEvent {
  type: 'typing';
  tenantId: string;
  conversationId: string;
  data: { conversationId: string; active: boolean };
}

export type RealtimeEvent = DomainEvent | TypingEvent;

/** The one wire format of every WebSocket frame: `{"type": …, "data": …}`. */
export function toFrame(event: RealtimeEvent): string {
  return JSON.stringify({ type: event.type, data: event.data });
}
