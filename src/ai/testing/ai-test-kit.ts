// Test support for the AI feature (not collected as tests; never imported by app code).
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import type { TestApp } from '../../../test/helpers/test-app.ts';
import {
  createConnectionVia,
  createEndpointVia,
  json,
  type Upstream,
} from '../../connections/testing/upstream.ts';
import { addCredits } from '../../tenants/tenants.ts';

export const API = '/api/v1/tenant-api';

export type Tenant = Awaited<ReturnType<TestApp['createTenant']>>;

export async function tenantWithCredits(t: TestApp, credits: number): Promise<Tenant> {
  const tenant = await t.createTenant();
  if (credits > 0) await addCredits(t.ctx.db, tenant.id, credits);
  return tenant;
}

/**
 * Seed 001's hotel example: a "Room availability" AI rule calling GET /rooms/{roomId}/availability
 * ?date={checkIn} on `upstream`, then REPLY_AI with `instructions`.
 */
export async function createRoomAvailabilityRule(
  t: TestApp,
  tenant: Tenant,
  upstream: Upstream,
  instructions: string,
) {
  const connection = await createConnectionVia(t, tenant.headers, {
    name: 'Hotel Booking API',
    baseUrl: upstream.origin,
  });
  const endpoint = await createEndpointVia(t, tenant.headers, connection.id, {
    name: 'Check availability',
    method: 'GET',
    path: '/rooms/{roomId}/availability',
    queryParams: { date: '{checkIn}' },
    description: 'Returns room availability and pricing',
    responseMapping: [
      { from: 'data.available', to: 'room_available' },
      { from: 'data.price', to: 'price' },
    ],
    fields: [
      { name: 'roomId', type: 'string', required: true, description: 'Room number', pattern: '^[0-9]{1,4}$' },
      { name: 'checkIn', type: 'date', required: true, description: 'Check-in date' },
    ],
  });
  await createRule(t, tenant, {
    name: 'Room availability',
    type: 'ai',
    description: 'When visitor asks about room availability',
    examples: ['Is room 12 free tomorrow?'],
    actions: [
      { type: 'CALL_API', endpointId: endpoint.id },
      { type: 'REPLY_AI', instructions },
    ],
  });
  return endpoint;
}

/** Seed 002's order lookup: the upstream knows order 4521 of john@example.com. */
export function serveOrders(upstream: Upstream, marker = 'RAW-BODY-ONLY-7f3a'): void {
  upstream.handle = (_req, res, recorded) => {
    const match = /^\/orders\/(\d+)/.exec(recorded.url);
    if (match?.[1] === '4521') {
      return json(res, 200, {
        data: {
          status: 'shipped',
          eta: 'Thursday',
          billing: { email: 'john@example.com' },
          internal: marker,
        },
      });
    }
    return json(res, 404, { error: 'no such order' });
  };
}

export async function createOrderEndpoint(
  t: TestApp,
  tenant: Tenant,
  upstream: Upstream,
  extra: Record<string, unknown> = {},
) {
  const connection = await createConnectionVia(t, tenant.headers, {
    name: 'Order Management API',
    baseUrl: upstream.origin,
  });
  return createEndpointVia(t, tenant.headers, connection.id, {
    name: 'Order status',
    method: 'GET',
    path: '/orders/{orderId}',
    description: 'Returns the status and ETA of one order',
    responseMapping: [
      { from: 'data.status', to: 'order_status' },
      { from: 'data.eta', to: 'delivery_eta' },
    ],
    fields: [
      {
        name: 'orderId',
        type: 'string',
        required: true,
        description: 'Order number',
        pattern: '^[0-9]{3,10}$',
      },
      { name: 'email', type: 'email', required: true, description: 'Email used for the order' },
    ],
    validations: [
      {
        input: 'email',
        compareWith: 'data.billing.email',
        type: 'equals_ignore_case',
        errorMessage: "Email doesn't match. Please verify your details.",
      },
    ],
    aiCallable: true,
    aiPrompt:
      'Use this tool when a customer asks about their order status. Always ask for both order number AND email address.',
    ...extra,
  });
}

export async function createRule(
  t: TestApp,
  tenant: Tenant,
  body: Record<string, unknown>,
): Promise<{ id: string }> {
  const res = await t.app.inject({
    method: 'POST',
    url: `${API}/rules`,
    headers: tenant.headers,
    payload: body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().data;
}

export async function startChat(
  t: TestApp,
  tenant: Tenant,
  widgetBody: Record<string, unknown> = {},
  conversationBody: Record<string, unknown> = {},
) {
  const widget = await t.app.inject({
    method: 'POST',
    url: `${API}/widgets`,
    headers: tenant.headers,
    payload: { name: 'Site', ...widgetBody },
  });
  expect(widget.statusCode, widget.body).toBe(201);
  const started = await t.app.inject({
    method: 'POST',
    url: `/api/v1/widget/${widget.json().data.id}/conversations`,
    payload: conversationBody,
  });
  expect(started.statusCode, started.body).toBe(201);
  const { conversationId, visitorToken } = started.json().data as {
    conversationId: string;
    visitorToken: string;
  };

  /** Sends a visitor message, waits for its processing, and returns the messages posted after it. */
  async function say(content: string): Promise<Array<{ role: string; content: string }>> {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/widget/conversations/${conversationId}/messages`,
      headers: { authorization: `Bearer ${visitorToken}` },
      payload: { content },
    });
    expect(res.statusCode, res.body).toBe(201);
    const sent = res.json().data.message as { id: string };
    await drained(t, conversationId);
    const rows = await t.ctx.db
      .selectFrom('messages')
      .select(['id', 'seq', 'role', 'content', 'content_language'])
      .where('conversation_id', '=', conversationId)
      .orderBy('seq')
      .execute();
    const index = rows.findIndex((row) => row.id === sent.id);
    return rows.slice(index + 1).map((row) => ({ role: row.role, content: row.content }));
  }

  async function variables(): Promise<Record<string, string>> {
    const res = await t.app.inject({
      method: 'GET',
      url: `${API}/conversations/${conversationId}`,
      headers: tenant.headers,
    });
    return res.json().data.variables;
  }

  return { conversationId, visitorToken, say, variables };
}

/** Polls until the conversation's jobs are done (the suite timeout catches a hang; no timing assertion). */
export async function drained(t: TestApp, conversationId: string): Promise<void> {
  for (;;) {
    const { n } = await t.ctx.db
      .selectFrom('message_jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('conversation_id', '=', conversationId)
      .where('status', 'in', ['pending', 'running'])
      .executeTakeFirstOrThrow();
    if (Number(n) === 0) return;
    await sleep(20);
  }
}

export async function balanceOf(t: TestApp, tenant: Tenant): Promise<number> {
  const res = await t.app.inject({ method: 'GET', url: `${API}/billing/balance`, headers: tenant.headers });
  return res.json().data.creditBalance;
}
