import type { Migration } from 'kysely';
import * as foundation from './0001_foundation.ts';
import * as conversations from './0002_conversations.ts';
import * as connections from './0003_connections.ts';
import * as webhooks from './0007_webhooks.ts';

/** One ordered list for both databases; a feature adds its file here. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': foundation,
  '0002_conversations': conversations,
  '0003_connections': connections,
  '0007_webhooks': webhooks,
};
