import { z } from 'zod';
import { type DeliveryView, deliveryStatuses, type WebhookView } from '../../webhooks/webhook.schema.ts';
import { dateTime, exactly, uuid } from './envelopes.ts';

/** Outgoing webhooks: the subscription, its delivery log and the test ping. */

export const webhookResource = exactly<WebhookView>()(
  z.object({
    id: uuid(),
    url: z.string(),
    events: z.array(z.string()).describe('Event types delivered (conversation.created, message.created, …)'),
    enabled: z.boolean(),
    description: z.string(),
    previousSecretExpiresAt: dateTime()
      .nullable()
      .describe('Set while the secret replaced by the last rotation still signs deliveries'),
    disabledAt: dateTime().nullable(),
    disabledReason: z.string().nullable(),
    createdAt: dateTime(),
    updatedAt: dateTime(),
  }),
);

/** Creation and rotation are the only answers that carry the signing secret. */
export const webhookWithSecretResource = webhookResource.extend({
  secret: z.string().describe('The signing secret (whsec_…): shown only in this response'),
});

export const deliveryResource = exactly<DeliveryView>()(
  z.object({
    id: uuid(),
    webhookId: uuid(),
    eventType: z.string(),
    status: z.enum(deliveryStatuses),
    attempts: z.int(),
    responseStatus: z.int().nullable(),
    durationMs: z.number().nullable(),
    error: z.string().nullable(),
    createdAt: dateTime(),
    lastAttemptAt: dateTime().nullable(),
    nextAttemptAt: dateTime().nullable().describe('Set while the delivery is pending'),
    deliveredAt: dateTime().nullable(),
  }),
);

export const pingResultResource = z.object({
  ok: z.boolean(),
  responseStatus: z.int().nullable(),
  durationMs: z.number(),
  error: z.string().nullable(),
  delivery: deliveryResource,
});
