/** Row types of the conversations feature; booleans are 0/1 integers and times ISO text on both databases. */
export interface WidgetsTable {
  id: string;
  tenant_id: string;
  name: string;
  is_active: number;
  ai_enabled: number;
  translation_enabled: number;
  primary_color: string;
  position: string;
  /** JSON array of origins such as "https://shop.example.com"; empty = any origin. */
  allowed_origins: string;
  /** Vault ciphertext of the HMAC secret used by `Parley.identify({userHash})`, or null. */
  identity_secret: string | null;
  created_at: string;
}

export interface OperatorsTable {
  id: string;
  tenant_id: string;
  name: string;
  email: string;
  role: string;
  is_available: number;
  created_at: string;
}

export interface ConversationsTable {
  id: string;
  tenant_id: string;
  widget_id: string;
  visitor_id: string | null;
  visitor_name: string | null;
  visitor_email: string | null;
  visitor_language: string | null;
  status: string;
  assigned_to: string | null;
  /** SHA-256 (hex) of the visitor token; the token itself is only ever in the visitor's hands. */
  visitor_token_hash: string;
  /** Highest message seq handed out; bumped by the first statement of every append (it also row-locks). */
  last_seq: number;
  /** Never null (starts as started_at) so "most recent message first" sorts the same on both databases. */
  last_message_at: string;
  started_at: string;
  /** JSON object of session variables (string values). */
  variables: string;
}

export interface MessagesTable {
  id: string;
  tenant_id: string;
  conversation_id: string;
  seq: number;
  role: string;
  content: string;
  content_language: string | null;
  translated_content: string | null;
  translated_language: string | null;
  is_auto_reply: number;
  /** The processing job a reply answers, with its index: a retried job never posts the same reply twice. */
  job_id: string | null;
  job_reply_index: number | null;
  created_at: string;
}

export interface MessageJobsTable {
  id: string;
  tenant_id: string;
  conversation_id: string;
  message_id: string;
  widget_id: string;
  /** The visitor message's seq: jobs of one conversation run strictly in this order. */
  seq: number;
  status: string;
  attempts: number;
  available_at: string;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
}

/** Maintained by triggers (see migration 0002): conversations per (tenant, widget, status). */
export interface ConversationCountsTable {
  tenant_id: string;
  widget_id: string;
  status: string;
  n: number;
}

export interface ConversationTables {
  widgets: WidgetsTable;
  operators: OperatorsTable;
  conversations: ConversationsTable;
  conversation_counts: ConversationCountsTable;
  messages: MessagesTable;
  message_jobs: MessageJobsTable;
}
