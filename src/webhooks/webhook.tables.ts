/** Row types of the webhooks feature; booleans are 0/1 integers and times ISO text on both databases. */
export interface WebhooksTable {
  id: string;
  tenant_id: string;
  url: string;
  description: string;
  /** JSON array of subscribed event types. */
  events: string;
  enabled: number;
  /** Vault ciphertext of the signing secret (`whsec_…`). */
  secret: string;
  /** Vault ciphertext of the secret replaced by the last rotation; still signs until it expires. */
  previous_secret: string | null;
  previous_secret_expires_at: string | null;
  /** Start of the current run of failed attempts; null after a success. */
  failing_since: string | null;
  disabled_at: string | null;
  disabled_reason: string | null;
  /** Delivery lease: the worker holding it is the only one sending to this webhook (per-webhook order). */
  locked_by: string | null;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface WebhookDeliveriesTable {
  id: string;
  tenant_id: string;
  webhook_id: string;
  event_type: string;
  /** The exact JSON body sent on every attempt ({type, timestamp, data}). */
  payload: string;
  status: string;
  attempts: number;
  /** Automatic failures since the delivery was (re)queued: the position in the retry schedule. */
  retry_step: number;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  response_status: number | null;
  duration_ms: number | null;
  error: string | null;
  created_at: string;
  delivered_at: string | null;
}

export interface WebhookTables {
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
}
