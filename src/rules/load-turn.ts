import { detectLanguage } from '../ai/language.ts';
import { tenantAiLanguage } from '../ai/language-fallback.ts';
import { annotateMessage } from '../conversations/annotate-message.ts';
import { parseVariables } from '../conversations/to-resources.ts';
import type { Db } from '../db/database.ts';
import { prepareQuery } from '../db/prepared-query.ts';
import type { RuleTurn } from './actions/action.ts';
import type { ConversationTurn } from './ai-hooks.ts';

/** Messages the AI layer is shown. */
const HISTORY_LENGTH = 20;
/** Without AI: the message and the two before it, which tell "first message?" in a usual back-and-forth. */
const PLAIN_WINDOW = 3;

/** What the rules need to know about the conversation, before its messages. */
export interface TurnConversation {
  status: string;
  /** The operator the conversation is assigned to, if any. */
  assignedTo: string | null;
  variables: string;
  widgetId: string;
  visitorLanguage: string | null;
  aiEnabled: boolean;
  /** The widget translates between the visitor's and the tenant's language. */
  translationEnabled: boolean;
  /** The tenant's rules revision (see loadActiveRules), read in the same query. */
  rulesRevision: number;
}

export interface LoadedTurn {
  turn: RuleTurn & { conversationId: string };
  messageId: string;
}

// Prepared once: every visitor message runs both (see prepareQuery).
const selectConversation = prepareQuery((db, p: { tenantId: string; conversationId: string }) =>
  db
    .selectFrom('conversations as c')
    .innerJoin('widgets as w', 'w.id', 'c.widget_id')
    .select((eb) => [
      'c.status',
      'c.assigned_to',
      'c.variables',
      'c.widget_id',
      'c.visitor_language',
      'w.ai_enabled',
      'w.translation_enabled',
      eb
        .selectFrom('rule_revisions as r')
        .select('r.revision')
        .whereRef('r.tenant_id', '=', 'c.tenant_id')
        .as('rules_revision'),
    ])
    .where('c.tenant_id', '=', p.tenantId)
    .where('c.id', '=', p.conversationId),
);
const selectRecent = prepareQuery((db, p: { conversationId: string; seq: number; window: number }) =>
  db
    .selectFrom('messages')
    .select(['id', 'seq', 'role', 'content', 'content_language', 'translated_content'])
    .where('conversation_id', '=', p.conversationId)
    .where('seq', '<=', p.seq)
    .orderBy('seq', 'desc')
    .limit(p.window),
);

/** The job's conversation with its widget's AI switch and the tenant's rules revision, or undefined if gone. */
export async function loadTurnConversation(
  db: Db,
  job: { tenantId: string; conversationId: string },
): Promise<TurnConversation | undefined> {
  const [row] = (await selectConversation(db, { tenantId: job.tenantId, conversationId: job.conversationId }))
    .rows;
  if (!row) return undefined;
  return {
    status: row.status,
    assignedTo: row.assigned_to,
    variables: row.variables,
    widgetId: row.widget_id,
    visitorLanguage: row.visitor_language,
    aiEnabled: row.ai_enabled === 1,
    translationEnabled: row.translation_enabled === 1,
    rulesRevision: Number(row.rules_revision ?? 0),
  };
}

/**
 * Everything the rules need about one stored visitor message, or undefined if it is gone. The
 * recent history is read only when `withHistory` (an AI layer will see it); otherwise a short window.
 */
export async function loadTurn(
  db: Db,
  job: { tenantId: string; conversationId: string; messageId: string; seq: number },
  conversation: TurnConversation,
  options: { withHistory: boolean },
): Promise<LoadedTurn | undefined> {
  const window = options.withHistory ? HISTORY_LENGTH : PLAIN_WINDOW;
  const { rows: recent } = await selectRecent(db, {
    conversationId: job.conversationId,
    seq: job.seq,
    window,
  });
  const message = recent.find((m) => m.id === job.messageId);
  if (!message) return undefined;
  // The window holds the whole conversation when it is shorter than the window: no second query then.
  const earlierInWindow = recent.some((m) => m.role === 'visitor' && Number(m.seq) < job.seq);
  const earlierVisitor =
    earlierInWindow ||
    (recent.length === window &&
      (await db
        .selectFrom('messages')
        .select('id')
        .where('conversation_id', '=', job.conversationId)
        .where('role', '=', 'visitor')
        .where('seq', '<', job.seq)
        .limit(1)
        .executeTakeFirst()) !== undefined);
  const language = await visitorMessageLanguage(db, job, conversation, message, recent, window);
  const history: ConversationTurn[] = recent
    .reverse()
    .map((m) => ({ role: m.role as ConversationTurn['role'], content: m.content }));
  return {
    messageId: message.id,
    turn: {
      tenantId: job.tenantId,
      conversationId: job.conversationId,
      widgetId: conversation.widgetId,
      message: message.content,
      translatedMessage: message.translated_content,
      language,
      status: conversation.status,
      firstMessage: !earlierVisitor,
      variables: parseVariables(conversation.variables),
      history,
    },
  };
}

type RecentMessage = Awaited<ReturnType<typeof selectRecent>>['rows'][number];

/**
 * SPEC §8: every visitor message gets a contentLanguage. It was detected when the message was
 * stored; when detection abstained ("ok", "4521", an email address) it got the visitor's stated
 * language, or none. Settled here, before the rules read it (LANGUAGE_IS, {language}, the AI's
 * reply language): the detected language; else the language of the visitor's latest earlier
 * message; else their stated one; else the tenant's AI language ("en" unless set). A changed
 * language is stored, so the transcript shows it too.
 */
async function visitorMessageLanguage(
  db: Db,
  job: { tenantId: string; conversationId: string; messageId: string; seq: number },
  conversation: TurnConversation,
  message: RecentMessage,
  recent: readonly RecentMessage[],
  window: number,
): Promise<string> {
  const stored = message.content_language;
  const stated = conversation.visitorLanguage;
  // Not the stated fallback: detected when stored.
  if (stored !== null && stored !== stated) return stored;
  const earlier = await earlierVisitorLanguage(db, job, recent, window);
  if (stored !== null) {
    // The stated language: detected as such, or standing in — which only matters when the
    // visitor's earlier messages were in another language. Detecting again tells the two apart.
    if (earlier === undefined || earlier === stored || detectLanguage(message.content) !== null)
      return stored;
  }
  const language = earlier ?? stated ?? (await tenantAiLanguage(db, job.tenantId));
  if (language !== stored) {
    await annotateMessage(db, job.tenantId, job.messageId, { contentLanguage: language });
  }
  return language;
}

/** The language of the visitor's latest message before this one that has one, if any. */
async function earlierVisitorLanguage(
  db: Db,
  job: { conversationId: string; seq: number },
  recent: readonly RecentMessage[],
  window: number,
): Promise<string | undefined> {
  // `recent` is newest first.
  const inWindow = recent.find(
    (m) => m.role === 'visitor' && Number(m.seq) < job.seq && m.content_language !== null,
  );
  if (inWindow?.content_language) return inWindow.content_language;
  // The window holds the whole conversation when it is shorter than the window.
  if (recent.length < window) return undefined;
  const row = await db
    .selectFrom('messages')
    .select('content_language')
    .where('conversation_id', '=', job.conversationId)
    .where('role', '=', 'visitor')
    .where('seq', '<', job.seq)
    .where('content_language', 'is not', null)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.content_language ?? undefined;
}
