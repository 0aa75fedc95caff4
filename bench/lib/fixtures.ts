import { createTenant } from '../../src/tenants/tenants.ts';
import type { BenchServer } from './parley-server.ts';

/** A tenant with one widget, through the public routes. */
export async function createTenantWithWidget(server: BenchServer, name = 'Bench shop') {
  const tenant = await createTenant(server.ctx.db, name);
  const headers = { 'x-api-key': tenant.apiKey.key, 'content-type': 'application/json' };
  const res = await fetch(`${server.origin}/api/v1/tenant-api/widgets`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ name: 'Main', aiEnabled: false }),
  });
  const widget = (await res.json()).data as { id: string };
  return { tenant, headers, widgetId: widget.id };
}

export async function startConversation(origin: string, widgetId: string) {
  const res = await fetch(`${origin}/api/v1/widget/${widgetId}/conversations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ visitorName: 'Bench visitor' }),
  });
  if (res.status !== 201) throw new Error(`start conversation: ${res.status} ${await res.text()}`);
  return (await res.json()).data as { conversationId: string; visitorToken: string };
}
