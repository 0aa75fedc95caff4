import { z } from 'zod';
import { sendableInHeader } from '../../connections/header.schema.ts';
import { httpUrlSchema } from '../../http/http-url.schema.ts';
import { providerKindSchema } from '../provider-kind.ts';

/**
 * The provider's paths (/chat/completions, /messages) are appended to it, so a query string or
 * fragment would break every request — and a key put there would be stored and shown in clear.
 */
const baseUrlSchema = httpUrlSchema(
  'baseUrl must be an http(s) URL without credentials, such as https://llm.example.com/v1',
).refine(
  (raw) => !/[?#]/.test(raw),
  'baseUrl takes no query string or fragment (the provider paths such as /chat/completions are added to it): put the key in apiKey, e.g. https://llm.example.com/v1',
);

/**
 * PUT /settings/ai. A PUT that omits `apiKey` keeps the stored key (null removes it); every other
 * omitted field takes its default.
 */
export const aiSettingsInputSchema = z.object({
  provider: providerKindSchema,
  model: z.string().trim().min(1).max(200).nullable().optional(),
  baseUrl: baseUrlSchema.nullable().optional(),
  /** Sent in a header (Authorization, x-api-key) as it is. */
  apiKey: z.string().trim().min(1).max(1000).superRefine(sendableInHeader).nullable().optional(),
  /** The language operators read: visitor messages are translated into it (translationEnabled). */
  language: z
    .string()
    .regex(/^[a-z]{2}$/, 'language is an ISO 639-1 code such as "en"')
    .optional(),
  /** Embedded provider: when it cannot answer, hand the conversation to an operator instead. */
  handoverToOperator: z.boolean().optional(),
});
export type AiSettingsInput = z.output<typeof aiSettingsInputSchema>;

export const aiSettingsViewSchema = z.object({
  provider: providerKindSchema,
  model: z.string().nullable(),
  baseUrl: z.string().nullable(),
  /** Masked ("****abcd"), or null when none is stored. */
  apiKey: z.string().nullable(),
  /** "tenant": this tenant's own settings; "installation": the server's PARLEY_AI_* defaults. */
  source: z.enum(['tenant', 'installation']),
  language: z.string(),
  handoverToOperator: z.boolean(),
  translationAvailable: z.boolean(),
});
export type AiSettingsView = z.infer<typeof aiSettingsViewSchema>;
