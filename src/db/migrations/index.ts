import type { Migration } from 'kysely';
import * as foundation from './0001_foundation.ts';
import * as conversations from './0002_conversations.ts';
import * as connections from './0003_connections.ts';
import * as rules from './0004_rules.ts';
import * as ai from './0006_ai.ts';
import * as webhooks from './0007_webhooks.ts';
import * as dashboardAuth from './0008_dashboard_auth.ts';
import * as installation from './0009_installation.ts';
import * as conversationListJson from './0010_conversation_list_json.ts';

/** One ordered list for both databases; a feature adds its file here. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': foundation,
  '0002_conversations': conversations,
  '0003_connections': connections,
  '0004_rules': rules,
  '0006_ai': ai,
  '0007_webhooks': webhooks,
  '0008_dashboard_auth': dashboardAuth,
  '0009_installation': installation,
  '0010_conversation_list_json': conversationListJson,
};
