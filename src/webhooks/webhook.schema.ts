import { z } from 'zod';
import { pageQuery } from '../http/page-query.ts';
import { webhookEventTypes } from './webhook-event-types.ts';

const urlSchema = z
  .string()
  .trim()
  .min(1)
  .max(2048)
  .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), {
    message: 'must be an absolute http:// or https:// URL',
  });

const eventsSchema = z
  .array(z.enum(webhookEventTypes))
  .min(1)
  .max(webhookEventTypes.length * 2)
  .transform((events) => [...new Set(events)]);

export const createWebhookSchema = z.object({
  url: urlSchema,
  /** Omitted: every event type. */
  events: eventsSchema.optional(),
  enabled: z.boolean().optional(),
  description: z.string().trim().max(500).optional(),
});
export type CreateWebhookInput = z.infer<typeof createWebhookSchema>;

export const updateWebhookSchema = z.object({
  url: urlSchema.optional(),
  events: eventsSchema.optional(),
  enabled: z.boolean().optional(),
  description: z.string().trim().max(500).optional(),
});
export type UpdateWebhookInput = z.infer<typeof updateWebhookSchema>;

/** A webhook as the Tenant API shows it; the signing secret appears only on creation and rotation. */
export interface WebhookView {
  id: string;
  url: string;
  events: string[];
  enabled: boolean;
  description: string;
  /** Set while the secret replaced by the last rotation still signs deliveries. */
  previousSecretExpiresAt: string | null;
  disabledAt: string | null;
  disabledReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export const deliveryStatuses = ['pending', 'succeeded', 'failed'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export interface DeliveryView {
  id: string;
  webhookId: string;
  eventType: string;
  status: DeliveryStatus;
  attempts: number;
  responseStatus: number | null;
  durationMs: number | null;
  error: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
}

export const listDeliveriesQuery = z.object({
  status: z.enum(deliveryStatuses).optional(),
  ...pageQuery(20, 100).shape,
});
export type ListDeliveriesQuery = z.infer<typeof listDeliveriesQuery>;
