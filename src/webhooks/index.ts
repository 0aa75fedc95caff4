// The public surface of the webhooks feature.

export { recordCallFailures } from './record-call-failures.ts';
export { recordWebhookEvent } from './record-webhook-event.ts';
export { webhookDeliveryRoutes } from './webhook-deliveries.routes.ts';
export { configureWebhookWorkers, startWebhookDelivery, webhookWorkerOf } from './webhook-delivery.ts';
export { type WebhookEventType, webhookEventTypes } from './webhook-event-types.ts';
export type { WebhookWorker, WebhookWorkerOptions } from './webhook-worker.ts';
export { webhookRoutes } from './webhooks.routes.ts';
