import { useEffect, useRef, useState } from 'react';
import { SelectField } from '../../components/field.tsx';
import { FormMessage, LoadState } from '../../components/notice.tsx';
import { get, patch } from '../../lib/api-client.ts';
import { formatTime } from '../../lib/format.ts';
import { type TenantEvent, useTenantEvents } from '../../lib/tenant-events.ts';
import { useApi } from '../../lib/use-api.ts';
import { ConversationSidePanel } from './conversation-side-panel.tsx';
import type {
  Conversation,
  ConversationDetail,
  ConversationStatus,
  Message,
  Operator,
} from './inbox-types.ts';
import { visitorLabel } from './inbox-types.ts';
import { mergeMessages } from './merge-messages.ts';
import { ReplyBox } from './reply-box.tsx';
import { Transcript } from './transcript.tsx';

const appendMessage = (detail: ConversationDetail | undefined, message: Message) =>
  detail && !detail.messages.some((m) => m.id === message.id)
    ? { ...detail, messages: [...detail.messages, message], lastMessageAt: message.createdAt }
    : detail;

/** The most messages one request returns (the API's maximum). */
const PAGE = 200;

export function ConversationView({ id }: { id: string }) {
  const detail = useApi<ConversationDetail>(`/conversations/${id}?limit=${PAGE}`);
  const [seen, setSeen] = useState<Message[]>([]);
  const [atStart, setAtStart] = useState(false);
  const [loadingEarlier, setLoadingEarlier] = useState(false);
  const latest = detail.data?.messages;
  useEffect(() => {
    if (latest) setSeen((current) => mergeMessages(current, latest));
  }, [latest]);
  const operators = useApi<Operator[]>('/operators', { cached: true });
  const [error, setError] = useState<string | null>(null);
  const [logVersion, setLogVersion] = useState(0);
  const refreshTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const { setData } = detail;

  // Rules and API calls run after a visitor message; their variables and logs settle a moment later.
  const refreshSoon = () => {
    clearTimeout(refreshTimer.current);
    refreshTimer.current = setTimeout(() => {
      void detail.reload();
      setLogVersion((v) => v + 1);
    }, 800);
  };
  useEffect(() => () => clearTimeout(refreshTimer.current), []);

  useTenantEvents((event: TenantEvent) => {
    if (event.type === 'message.created' && event.data.conversationId === id) {
      setData((d) => appendMessage(d, event.data as unknown as Message));
      if (event.data.role !== 'operator') refreshSoon();
    } else if (event.type === 'conversation.updated' && event.data.id === id) {
      setData((d) => (d ? { ...d, ...(event.data as unknown as Conversation) } : d));
    }
  });

  const update = async (body: { status?: ConversationStatus; assignedTo?: string | null }) => {
    setError(null);
    try {
      const updated = await patch<Conversation>(`/conversations/${id}`, body);
      setData((d) => (d ? { ...d, ...updated } : d));
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const showEarlier = async () => {
    if (seen.length === 0) return;
    setLoadingEarlier(true);
    setError(null);
    try {
      const older = await get<ConversationDetail>(`/conversations/${id}?limit=${PAGE}&before=${seen[0].id}`);
      setSeen((current) => mergeMessages(current, older.messages));
      if (older.messages.length < PAGE) setAtStart(true);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setLoadingEarlier(false);
    }
  };

  if (!detail.data)
    return <LoadState loading={detail.loading} error={detail.error} onRetry={detail.reload} />;
  const c = detail.data;
  const messages = mergeMessages(seen, c.messages);
  const mayHaveEarlier = !atStart && messages.length >= PAGE;
  return (
    <div className="conversation">
      <div className="conversation-main">
        <div className="conversation-head">
          <div>
            <h2>{visitorLabel(c)}</h2>
            <div className="muted small">
              {[
                c.visitorEmail,
                c.visitorLanguage && `language ${c.visitorLanguage}`,
                `started ${formatTime(c.startedAt)}`,
              ]
                .filter(Boolean)
                .join(' · ')}{' '}
              <span className={`badge badge-${c.status}`} data-testid="conversation-status">
                {c.status}
              </span>
            </div>
          </div>
          <SelectField
            label="Assigned to"
            value={c.assignedTo ?? ''}
            onValue={(value) => void update({ assignedTo: value || null })}
            options={[
              { value: '', label: 'Unassigned' },
              ...(operators.data ?? []).map((o) => ({
                value: o.id,
                label: `${o.name}${o.isAvailable ? '' : ' (away)'}`,
              })),
            ]}
          />
          <div className="page-actions">
            {c.status !== 'pending' && c.status !== 'closed' && (
              <button
                type="button"
                className="button-secondary"
                onClick={() => void update({ status: 'pending' })}
              >
                Mark pending
              </button>
            )}
            {c.status === 'closed' ? (
              <button
                type="button"
                className="button-secondary"
                onClick={() => void update({ status: 'open' })}
              >
                Reopen
              </button>
            ) : (
              <button
                type="button"
                className="button-secondary"
                onClick={() => void update({ status: 'closed' })}
              >
                Close conversation
              </button>
            )}
          </div>
        </div>
        <FormMessage error={error} />
        {mayHaveEarlier && (
          <button
            type="button"
            className="button-secondary"
            disabled={loadingEarlier}
            onClick={() => void showEarlier()}
          >
            {loadingEarlier ? 'Loading…' : 'Show earlier messages'}
          </button>
        )}
        <Transcript messages={messages} />
        <ReplyBox conversationId={id} onSent={(m) => setData((d) => appendMessage(d, m))} />
      </div>
      <ConversationSidePanel conversationId={id} variables={c.variables} version={logVersion} />
    </div>
  );
}
