import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { createOperatorAccount, setOperatorPassword } from '../src/auth/operator-accounts.ts';
import type { AppContext } from '../src/context.ts';
import { issueApiKey, listApiKeys, revokeApiKey } from '../src/tenants/api-keys.ts';
import { addCredits, createTenant, getTenant } from '../src/tenants/tenants.ts';
import {
  DEMO_ADMIN_EMAIL,
  DEMO_TENANT_NAME,
  DEMO_WIDGET_NAME,
  type DemoEndpointKey,
  demoConnections,
  demoEndpoints,
  demoRules,
} from './demo-definitions.ts';

const DEMO_KEY_NAME = 'npm run demo';
const DEMO_CREDITS = 1_000_000;

export interface DemoTenant {
  tenantId: string;
  widgetId: string;
  apiKey: string;
  admin: { email: string; password: string };
}

type Named = { id: string; name: string };

/**
 * Creates or brings up to date the demo tenant: the same run twice gives the same tenant, widget,
 * connections, endpoints and rules (updated in place, e.g. to the shop API's new port). Each run
 * issues a fresh API key and admin password (the old key is revoked): keys are stored hashed only.
 */
export async function seedDemo(
  app: FastifyInstance,
  ctx: AppContext,
  shopBaseUrl: string,
): Promise<DemoTenant> {
  const existing = await ctx.db
    .selectFrom('tenants')
    .select('id')
    .where('name', '=', DEMO_TENANT_NAME)
    .orderBy('created_at', 'asc')
    .executeTakeFirst();
  const tenantId = existing?.id ?? (await createTenant(ctx.db, DEMO_TENANT_NAME)).id;

  for (const key of await listApiKeys(ctx.db, tenantId)) {
    if (key.name === DEMO_KEY_NAME || key.name === 'Default key')
      await revokeApiKey(ctx.db, tenantId, key.id);
  }
  const apiKey = (await issueApiKey(ctx.db, tenantId, DEMO_KEY_NAME)).key;
  const tenant = await getTenant(ctx.db, tenantId);
  if ((tenant?.creditBalance ?? 0) < DEMO_CREDITS / 2) await addCredits(ctx.db, tenantId, DEMO_CREDITS);

  const api = async <T>(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object): Promise<T> => {
    const res = await app.inject({
      method,
      url: `/api/v1/tenant-api${url}`,
      headers: { 'x-api-key': apiKey },
      payload,
    });
    if (res.statusCode >= 300)
      throw new Error(`Demo setup: ${method} ${url} answered ${res.statusCode}: ${res.body}`);
    return res.json().data as T;
  };
  const upsert = async (listUrl: string, createUrl: string, body: { name: string }): Promise<string> => {
    const found = (await api<Named[]>('GET', `${listUrl}?limit=100`)).find((item) => item.name === body.name);
    if (!found) return (await api<Named>('POST', createUrl, body)).id;
    const itemUrl = listUrl.includes('/endpoints') ? `/endpoints/${found.id}` : `${createUrl}/${found.id}`;
    await api('PATCH', itemUrl, body);
    return found.id;
  };

  const password = crypto.randomBytes(9).toString('base64url');
  const operator = (await api<Array<Named & { email: string }>>('GET', '/operators')).find(
    (op) => op.email === DEMO_ADMIN_EMAIL,
  );
  let operatorId = operator?.id;
  if (operatorId) await setOperatorPassword(ctx.db, tenantId, operatorId, password);
  else
    operatorId = (
      await createOperatorAccount(ctx.db, tenantId, { email: DEMO_ADMIN_EMAIL, password, name: 'Demo admin' })
    ).id;

  const widgetId = await upsert('/widgets', '/widgets', {
    name: DEMO_WIDGET_NAME,
    aiEnabled: true,
    primaryColor: '#0f766e',
    position: 'bottom-right',
  } as { name: string });

  const connections = demoConnections(shopBaseUrl);
  const connectionIds: Record<string, string> = {};
  for (const [key, body] of Object.entries(connections)) {
    connectionIds[key] = await upsert('/connections', '/connections', body);
  }
  const endpointIds: Partial<Record<DemoEndpointKey, string>> = {};
  for (const [key, { connection, body }] of Object.entries(demoEndpoints)) {
    const connectionId = connectionIds[connection];
    endpointIds[key as DemoEndpointKey] = await upsert(
      `/connections/${connectionId}/endpoints`,
      `/connections/${connectionId}/endpoints`,
      body,
    );
  }
  const endpoint = (key: DemoEndpointKey) => endpointIds[key]!;
  for (const rule of demoRules(endpoint, operatorId)) await upsert('/rules', '/rules', rule);

  return { tenantId, widgetId, apiKey, admin: { email: DEMO_ADMIN_EMAIL, password } };
}
