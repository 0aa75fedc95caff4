import { z } from 'zod';
import { operatorRoles } from '../../conversations/operators/operator.schema.ts';
import type { CreatedTenant } from '../../tenants/tenants.ts';
import { exactly, uuid } from './envelopes.ts';

/** Platform API (SPEC §3), the dashboard sign-in and the health probes (SPEC §2). */

export const createdTenantResource = exactly<CreatedTenant>()(
  z.object({
    id: uuid(),
    name: z.string(),
    apiKey: z.object({
      id: uuid(),
      name: z.string(),
      key: z.string().describe('Starts with tak_; shown only in this response'),
    }),
    admin: z
      .object({ id: uuid(), email: z.email() })
      .optional()
      .describe('Present when adminEmail and adminPassword were given'),
  }),
);

export const creditsResource = z.object({
  creditBalance: z.number(),
  totalCreditsAdded: z.number(),
});

export const healthResource = z.object({ status: z.literal('ok') });

export const readinessResource = z.object({
  status: z.literal('ready'),
  database: z.enum(['sqlite', 'postgres']),
  redis: z
    .enum(['off', 'ok', 'unreachable'])
    .describe('Shown, not required: the processes keep serving through a Redis outage'),
});

/** The signed-in dashboard user (`/auth/login`, `/auth/me`). */
export const sessionResource = z.object({
  operator: z.object({
    id: uuid(),
    email: z.email(),
    name: z.string(),
    role: z.enum(operatorRoles),
  }),
  tenant: z.object({ id: uuid(), name: z.string() }),
  csrfToken: z.string().describe('Send back as X-CSRF-Token on the session-cookie requests that change data'),
});
