import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_REDIS_URL, type TestApp } from '../../test/helpers/test-app.ts';
import { loadConfig } from '../config.ts';
import { createWidget } from '../conversations/conversation-test-kit.ts';

describe('widget API rate limit', () => {
  let t: TestApp;
  let widgetId: string;
  beforeAll(async () => {
    t = await createTestApp({ PARLEY_WIDGET_RATE_LIMIT_PER_MIN: '5' });
    const tenant = await t.createTenant();
    const widget = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tenant-api/widgets',
      headers: tenant.headers,
      payload: { name: 'Shop', aiEnabled: false },
    });
    widgetId = widget.json().data.id;
  });
  afterAll(() => t.close());

  const start = () =>
    t.app.inject({ method: 'POST', url: `/api/v1/widget/${widgetId}/conversations`, payload: {} });

  it('limits new conversations per address and messages per conversation, with Retry-After', async () => {
    const conversation = (await start()).json().data;
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/widget/conversations/${conversation.conversationId}/messages`,
        headers: { authorization: `Bearer ${conversation.visitorToken}` },
        payload: { content: 'hi' },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await send()).statusCode);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    const limited = await send();
    expect(limited.json()).toEqual({
      error: {
        code: 'RATE_LIMITED',
        message: expect.stringMatching(/^Too many messages; please wait \d+ s\.$/),
      },
    });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

    // Four more conversations fit the per-address budget (one was used above); the sixth does not.
    const starts: number[] = [];
    for (let i = 0; i < 5; i++) starts.push((await start()).statusCode);
    expect(starts).toEqual([201, 201, 201, 201, 429]);
    const refused = await start();
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toEqual({
      error: {
        code: 'RATE_LIMITED',
        message: expect.stringMatching(/^Too many new conversations from this address; please wait \d+ s\.$/),
      },
    });
  });

  it('does not limit reading the transcript', async () => {
    const other = await createTestApp({ PARLEY_WIDGET_RATE_LIMIT_PER_MIN: '1' });
    try {
      const tenant = await other.createTenant();
      const widget = (
        await other.app.inject({
          method: 'POST',
          url: '/api/v1/tenant-api/widgets',
          headers: tenant.headers,
          payload: { name: 'Shop' },
        })
      ).json().data;
      const c = (
        await other.app.inject({
          method: 'POST',
          url: `/api/v1/widget/${widget.id}/conversations`,
          payload: {},
        })
      ).json().data;
      for (let i = 0; i < 3; i++) {
        const res = await other.app.inject({
          url: `/api/v1/widget/conversations/${c.conversationId}/messages`,
          headers: { authorization: `Bearer ${c.visitorToken}` },
        });
        expect(res.statusCode).toBe(200);
      }
    } finally {
      await other.close();
    }
  });
});

describe('widget API rate limit through a shared Redis', () => {
  it('gives every installation sharing one Redis its own budget per address', async () => {
    const env = { REDIS_URL: TEST_REDIS_URL, PARLEY_WIDGET_RATE_LIMIT_PER_MIN: '2' };
    const installations = [await createTestApp(env), await createTestApp(env)];
    try {
      // One visitor address with a unique name, so parallel test files cannot draw on this budget.
      const remoteAddress = `198.18.${crypto.randomInt(256)}.${crypto.randomInt(256)}`;
      const statuses: number[][] = [];
      for (const t of installations) {
        const tenant = await t.createTenant();
        const widget = await createWidget(t, tenant.headers, { name: 'Shop' });
        const starts = [];
        for (let i = 0; i < 3; i++) {
          const res = await t.app.inject({
            method: 'POST',
            url: `/api/v1/widget/${widget.id}/conversations`,
            payload: {},
            remoteAddress,
          });
          starts.push(res.statusCode);
        }
        statuses.push(starts);
      }
      expect(statuses).toEqual([
        [201, 201, 429],
        [201, 201, 429],
      ]);
    } finally {
      for (const t of installations) await t.close();
    }
  });
});

describe('client addresses behind proxies (PARLEY_TRUST_PROXY)', () => {
  /**
   * Three new conversations (budget: two per address) from three visitor addresses in
   * X-Forwarded-For, all arriving from `peer`: the statuses show whose address counted.
   */
  async function startsThrough(env: Record<string, string>, peer: string): Promise<number[]> {
    const t = await createTestApp({ PARLEY_WIDGET_RATE_LIMIT_PER_MIN: '2', ...env });
    try {
      const tenant = await t.createTenant();
      const widget = await createWidget(t, tenant.headers, { name: 'Shop' });
      const statuses = [];
      for (const visitor of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) {
        const res = await t.app.inject({
          method: 'POST',
          url: `/api/v1/widget/${widget.id}/conversations`,
          payload: {},
          remoteAddress: peer,
          headers: { 'x-forwarded-for': visitor },
        });
        statuses.push(res.statusCode);
      }
      return statuses;
    } finally {
      await t.close();
    }
  }

  it('by default a client on the internet cannot pick its address with X-Forwarded-For; a local proxy can', async () => {
    expect(await startsThrough({}, '203.0.113.9')).toEqual([201, 201, 429]);
    // A reverse proxy on a private address passes the visitors' own addresses on.
    expect(await startsThrough({}, '10.0.0.2')).toEqual([201, 201, 201]);
  });

  it('PARLEY_TRUST_PROXY=false ignores the header from anyone; a CIDR list or a hop count trusts just those proxies', async () => {
    expect(await startsThrough({ PARLEY_TRUST_PROXY: 'false' }, '10.0.0.2')).toEqual([201, 201, 429]);
    expect(await startsThrough({ PARLEY_TRUST_PROXY: '192.0.2.0/24' }, '192.0.2.7')).toEqual([201, 201, 201]);
    // A hop count: one proxy in front, whatever its address (e.g. a cloud load balancer).
    expect(await startsThrough({ PARLEY_TRUST_PROXY: '1' }, '203.0.113.9')).toEqual([201, 201, 201]);
    expect(() => loadConfig({ PARLEY_TRUST_PROXY: 'my-proxy' })).toThrow(
      'PARLEY_TRUST_PROXY must be true, false, a hop count, or comma-separated addresses, CIDR ranges or loopback/linklocal/uniquelocal (got "my-proxy").',
    );
  });
});
