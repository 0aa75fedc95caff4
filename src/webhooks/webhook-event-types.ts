/** The events a webhook can subscribe to; `ping` (POST /webhooks/{id}/test) is always sent and never subscribed. */
export const webhookEventTypes = [
  'conversation.created',
  'conversation.updated',
  'message.created',
  'call.failed',
] as const;

export type WebhookEventType = (typeof webhookEventTypes)[number];

export const PING_EVENT = 'ping';

/** Written into a webhook's delivery log when it is switched off after failing for too long. */
export const DISABLED_EVENT = 'webhook.disabled';

export function isWebhookEventType(value: string): value is WebhookEventType {
  return (webhookEventTypes as readonly string[]).includes(value);
}
