import type { AiTables } from '../ai/ai.tables.ts';
import type { AuthTables } from '../auth/auth.tables.ts';
import type { ConnectionTables } from '../connections/connection.tables.ts';
import type { ConversationTables } from '../conversations/conversation.tables.ts';
import type { RuleTables } from '../rules/rule.tables.ts';
import type { FoundationTables } from '../tenants/tenant.tables.ts';
import type { WebhookTables } from '../webhooks/webhook.tables.ts';

/**
 * Every table the app knows, composed from each feature's own table types.
 * Booleans are integers (0/1) and times ISO text on both SQLite and PostgreSQL.
 */
export interface Database
  extends AiTables,
    FoundationTables,
    ConnectionTables,
    ConversationTables,
    WebhookTables,
    RuleTables,
    AuthTables {}
