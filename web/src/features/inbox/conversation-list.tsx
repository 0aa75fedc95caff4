import { EmptyState } from '../../components/notice.tsx';
import { formatTime } from '../../lib/format.ts';
import { Link } from '../../lib/router.tsx';
import { type Conversation, type ConversationStatus, visitorLabel } from './inbox-types.ts';

/** What an empty tab says; only the Open and All tabs are where new chats arrive. */
const emptyTab: Record<ConversationStatus | '', { title: string; body: string }> = {
  open: { title: 'No open conversations.', body: 'New chats from your widgets appear here as they start.' },
  pending: {
    title: 'No pending conversations.',
    body: 'Conversations waiting for an operator (set to pending, e.g. when a rule assigns one) appear here.',
  },
  closed: { title: 'No closed conversations.', body: 'Conversations appear here once they are closed.' },
  '': { title: 'No conversations yet.', body: 'New chats from your widgets appear here as they start.' },
};

export function ConversationList({
  conversations,
  selectedId,
  unread,
  status,
}: {
  conversations: Conversation[];
  selectedId: string | null;
  unread: ReadonlySet<string>;
  status: ConversationStatus | '';
}) {
  if (conversations.length === 0) {
    const empty = emptyTab[status];
    return <EmptyState title={empty.title}>{empty.body}</EmptyState>;
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
