import { EmptyState } from '../../components/notice.tsx';
import { formatTime } from '../../lib/format.ts';
import { Link } from '../../lib/router.tsx';
import { type Conversation, visitorLabel } from './inbox-types.ts';

export function ConversationList({
  conversations,
  selectedId,
  unread,
  filterLabel,
}: {
  conversations: Conversation[];
  selectedId: string | null;
  unread: ReadonlySet<string>;
  filterLabel: string;
}) {
  if (conversations.length === 0) {
    return (
      <EmptyState title={`No ${filterLabel} conversations.`}>
        New chats from your widgets appear here as they start.
      </EmptyState>
    );
  }
  return (
    <ul className="conversation-list" aria-label="Conversations">
      {conversations.map((c) => (
        <li key={c.id} className={unread.has(c.id) ? 'conv-unread' : undefined}>
          <Link to={`/inbox/${c.id}`} aria-current={c.id === selectedId ? 'page' : undefined}>
            <div className="conv-line">
              <span className="conv-name">{visitorLabel(c)}</span>
              <span className={`badge badge-${c.status}`}>{c.status}</span>
            </div>
            <div className="conv-line muted small">
              <span>{c.visitorEmail ?? c.visitorLanguage ?? ''}</span>
              <time dateTime={c.lastMessageAt}>{formatTime(c.lastMessageAt)}</time>
            </div>
            {unread.has(c.id) && <span className="sr-only">New messages</span>}
          </Link>
        </li>
      ))}
    </ul>
  );
}
