import { useEffect, useRef } from 'react';
import { formatTime } from '../../lib/format.ts';
import type { Message } from './inbox-types.ts';

const roleLabel: Record<Message['role'], string> = {
  visitor: 'Visitor',
  ai: 'AI',
  operator: 'Operator',
  system: 'System',
};

/** The messages, oldest first, with the translation under the original when there is one. */
export function Transcript({ messages }: { messages: Message[] }) {
  const end = useRef<HTMLLIElement>(null);
  // Scroll when a new message arrives at the end, not when earlier ones are put before the rest.
  const lastId = messages.at(-1)?.id;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the last message's id is the trigger
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [lastId]);

  return (
    <ol className="transcript" role="log" aria-live="polite" aria-label="Transcript">
      {messages.length === 0 && <li className="muted">No messages yet.</li>}
      {messages.map((m) => (
        <li key={m.id} className="message" data-role={m.role}>
          <div className="message-meta">
            <strong>{roleLabel[m.role]}</strong>
            <time dateTime={m.createdAt}>{formatTime(m.createdAt)}</time>
            {m.isAutoReply && <span className="badge">auto-reply</span>}
            {m.contentLanguage && <span className="badge">{m.contentLanguage}</span>}
          </div>
          {/* Arabic or Hebrew reads right to left whatever the dashboard's own direction. */}
          <div className="message-text" dir="auto">
            {m.content}
          </div>
          {m.translatedContent && (
            <div className="message-translation">
              <span className="muted small">
                Translated{m.translatedLanguage ? ` (${m.translatedLanguage})` : ''}:{' '}
              </span>
              <span dir="auto">{m.translatedContent}</span>
            </div>
          )}
        </li>
      ))}
      <li ref={end} aria-hidden="true" />
    </ol>
  );
}
