import { h } from './dom.ts';
import type { Strings } from './i18n.ts';
import type { ChatMessage, MessageRole } from './types.ts';

/** Renders the transcript into the `role="log"` element; message text only ever goes through textContent. */
export function createMessageList(log: HTMLElement, t: Strings) {
  const byId = new Map<string, HTMLElement>();
  const author: Record<MessageRole, string> = {
    visitor: t.you,
    ai: t.assistant,
    operator: t.operator,
    system: t.system,
  };

  const stickToBottom = () => {
    log.scrollTop = log.scrollHeight;
  };

  function element(role: MessageRole, content: string, state: string): HTMLElement {
    // Author and failure notes are CSS generated content (read by screen readers), so the element's
    // textContent stays exactly the message — what a visitor, an operator and a test expect.
    return h(
      'div',
      { class: 'msg', 'data-role': role, 'data-state': state, 'data-author': `${author[role]}: ` },
      content,
    );
  }

  const textOf = (el: HTMLElement) => el.textContent ?? '';

  return {
    /** A message from the server (transcript, socket or catch-up); true when it was new. */
    add(message: ChatMessage): boolean {
      if (byId.has(message.id)) return false;
      if (message.role === 'visitor') {
        // The socket can echo our own message before its POST answered — or after the answer was
        // lost on the way back (the server has it): adopt the pending or "Not sent" bubble, so it
        // is not shown twice and not resent.
        const unconfirmed = [
          ...log.querySelectorAll<HTMLElement>('.msg[data-role=visitor]:not([data-id])'),
        ].find((el) => el.dataset.state !== 'sent' && textOf(el) === message.content);
        if (unconfirmed) {
          this.confirm(unconfirmed, message);
          return false;
        }
      }
      // A visitor's own words stay as written; what the team or assistant wrote is shown in the
      // visitor's language when the widget translates (translatedContent is then the visitor's version).
      const text =
        message.role !== 'visitor' && message.translatedContent ? message.translatedContent : message.content;
      const el = element(message.role, text, 'sent');
      el.dataset.id = message.id;
      byId.set(message.id, el);
      log.append(el);
      stickToBottom();
      return true;
    },

    addPending(content: string): HTMLElement {
      const el = element('visitor', content, 'pending');
      el.title = t.sending;
      log.append(el);
      stickToBottom();
      return el;
    },

    confirm(el: HTMLElement, message: ChatMessage): void {
      const existing = byId.get(message.id);
      if (existing && existing !== el) {
        el.remove();
        return;
      }
      el.dataset.id = message.id;
      el.dataset.state = 'sent';
      el.removeAttribute('title');
      el.removeAttribute('role');
      el.removeAttribute('tabindex');
      delete el.dataset.note;
      byId.set(message.id, el);
    },

    fail(el: HTMLElement): void {
      // The server's echo already confirmed it: only the answer to the POST was lost.
      if (el.dataset.id) return;
      el.dataset.state = 'failed';
      el.removeAttribute('title');
      el.setAttribute('tabindex', '0');
      el.setAttribute('role', 'button');
      el.dataset.note = t.failed;
    },

    retrying(el: HTMLElement): void {
      el.dataset.state = 'pending';
      el.removeAttribute('role');
      el.removeAttribute('tabindex');
      delete el.dataset.note;
    },

    textOf,

    /** Drops the old conversation's transcript; bubbles still being sent or retried stay. */
    clear(): void {
      byId.clear();
      for (const el of log.querySelectorAll('.msg[data-id]')) el.remove();
    },
  };
}

export type MessageList = ReturnType<typeof createMessageList>;
