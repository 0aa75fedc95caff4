import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';

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
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

    // Four more conversations fit the per-address budget (one was used above); the sixth does not.
    const starts: number[] = [];
    for (let i = 0; i < 5; i++) starts.push((await start()).statusCode);
    expect(starts).toEqual([201, 201, 201, 201, 429]);
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
