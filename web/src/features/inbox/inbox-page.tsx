import { useCallback, useEffect, useRef, useState } from 'react';
import { EmptyState, LoadState } from '../../components/notice.tsx';
import { Page } from '../../components/page.tsx';
import { api, query } from '../../lib/api-client.ts';
import { type TenantEvent, useTenantEvents } from '../../lib/tenant-events.ts';
import { useApi } from '../../lib/use-api.ts';
import { NoCreditsNotice } from '../billing/no-credits-notice.tsx';
import type { Widget } from '../widgets/widget-types.ts';
import { ConversationList } from './conversation-list.tsx';
import { ConversationView } from './conversation-view.tsx';
import { byLastMessage, type Conversation, type ConversationStatus } from './inbox-types.ts';

const filters: { value: ConversationStatus | ''; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'pending', label: 'Pending' },
  { value: 'closed', label: 'Closed' },
  { value: '', label: 'All' },
];

/** Rows of the whole list after one page answer: its total minus its offset and the rows it sent. */
const rowsAfter = (meta: { total: number; offset: number }, sent: number) =>
  Math.max(0, meta.total - meta.offset - sent);

export function InboxPage({ conversationId }: { conversationId: string | null }) {
  const [status, setStatus] = useState<ConversationStatus | ''>('open');
  const list = useApi<Conversation[]>(`/conversations${query({ status, limit: 100 })}`);
  const widgets = useApi<Widget[]>('/widgets', { cached: true });
  const [unread, setUnread] = useState<Set<string>>(new Set());
  const reloadTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const wasOffline = useRef(false);

  const matches = useCallback((c: Conversation) => status === '' || c.status === status, [status]);
  const { setData, reload } = list;

  // Events for conversations not in the list are rare; one reload covers a burst of them.
  const reloadSoon = useCallback(() => {
    clearTimeout(reloadTimer.current);
    reloadTimer.current = setTimeout(() => void reload(), 400);
  }, [reload]);
  useEffect(() => () => clearTimeout(reloadTimer.current), []);

  const onEvent = (event: TenantEvent) => {
    if (event.type === 'conversation.created' || event.type === 'conversation.updated') {
      const conversation = event.data as unknown as Conversation;
      setData((current) => {
        const rest = (current ?? []).filter((c) => c.id !== conversation.id);
        return matches(conversation) ? [conversation, ...rest].sort(byLastMessage) : rest;
      });
      return;
    }
    if (event.type === 'message.created') {
      const id = String(event.data.conversationId ?? '');
      const at = String(event.data.createdAt ?? new Date().toISOString());
      if (list.data?.some((c) => c.id === id)) {
        setData((current) =>
          (current ?? []).map((c) => (c.id === id ? { ...c, lastMessageAt: at } : c)).sort(byLastMessage),
        );
      } else if (status !== 'closed') {
        reloadSoon();
      }
      if (id !== conversationId && event.data.role === 'visitor') setUnread((u) => new Set(u).add(id));
    }
  };
  const live = useTenantEvents(onEvent);

  // After a dropped socket, events may have been missed: fetch the list again once it is back.
  useEffect(() => {
    if (live === 'offline') wasOffline.current = true;
    if (live === 'live' && wasOffline.current) {
      wasOffline.current = false;
      void reload();
    }
  }, [live, reload]);

  useEffect(() => {
    if (!conversationId) return;
    setUnread((u) => {
      if (!u.has(conversationId)) return u;
      const next = new Set(u);
      next.delete(conversationId);
      return next;
    });
  }, [conversationId]);

  // How many of the tab's conversations the server holds beyond the ones it sent us. Live events
  // move conversations into and out of the list (the total and the list change together), which
  // leaves this number as it is; only a page answer sets it. A removed row never leaves "Show more".
  const [older, setOlder] = useState(0);
  useEffect(() => setOlder(list.meta ? rowsAfter(list.meta, list.meta.limit) : 0), [list.meta]);

  const [loadingMore, setLoadingMore] = useState(false);
  const loadMore = async () => {
    setLoadingMore(true);
    try {
      // Live events kept the list in step with the server's order, so its length is the offset.
      const next = await api<Conversation[]>(
        'GET',
        `/conversations${query({ status, limit: 100, offset: list.data?.length ?? 0 })}`,
      );
      setData((current) => {
        const seen = new Set((current ?? []).map((c) => c.id));
        return [...(current ?? []), ...next.data.filter((c) => !seen.has(c.id))];
      });
      setOlder(next.meta ? rowsAfter(next.meta, next.data.length) : 0);
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <Page
      title="Inbox"
      wide
      actions={
        <span className={`live live-${live}`} role="status">
          {live === 'live' ? '● Live' : live === 'connecting' ? 'Connecting…' : '○ Offline — reconnecting'}
        </span>
      }
    >
      <NoCreditsNotice aiInUse={widgets.data?.some((w) => w.aiEnabled) ?? false} />
      <div className="inbox">
        <div>
          <div className="tabs" role="toolbar" aria-label="Filter by status">
            {filters.map((f) => (
              <button
                key={f.label}
                type="button"
                aria-pressed={status === f.value}
                onClick={() => setStatus(f.value)}
              >
                {f.label}
              </button>
            ))}
          </div>
          <LoadState loading={list.loading && !list.data} error={list.error} onRetry={list.reload} />
          {list.data && (
            <ConversationList
              conversations={list.data}
              selectedId={conversationId}
              unread={unread}
              status={status}
            />
          )}
          {list.data && older > 0 && (
            <button
              type="button"
              className="button-secondary load-more"
              disabled={loadingMore}
              onClick={() => void loadMore()}
            >
              {loadingMore ? 'Loading…' : `Show more (${older} older)`}
            </button>
          )}
        </div>
        {conversationId ? (
          <ConversationView key={conversationId} id={conversationId} />
        ) : (
          <EmptyState title="No conversation selected.">
            Choose a conversation on the left to read and reply.
          </EmptyState>
        )}
      </div>
    </Page>
  );
}
