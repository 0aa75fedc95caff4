import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { createWidget, startVisitor } from '../conversations/conversation-test-kit.ts';
import { noopProcessor } from '../conversations/pipeline/message-processor.ts';

const widgetApi = '/api/v1/widget';
const shop = 'https://shop.example.com';
const evil = 'https://evil.example';

describe('widget API CORS preflight follows the widget allowedOrigins', () => {
  let t: TestApp;
  let tenant: Awaited<ReturnType<TestApp['createTenant']>>;
  beforeAll(async () => {
    t = await createTestApp();
    t.ctx.pipeline.setProcessor(noopProcessor);
    tenant = await t.createTenant();
  });
  afterAll(() => t.close());

  const preflight = (url: string, origin: string) =>
    t.app.inject({
      method: 'OPTIONS',
      url,
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });

  it('grants only an allowed origin where the URL names the widget or the conversation', async () => {
    const widget = await createWidget(t, tenant.headers, { allowedOrigins: [shop] });
    const started = await t.app.inject({
      method: 'POST',
      url: `${widgetApi}/${widget.id}/conversations`,
      headers: { origin: shop },
      payload: {},
    });
    const visitor: { conversationId: string } = started.json().data;
    for (const url of [
      `${widgetApi}/${widget.id}/conversations`,
      `${widgetApi}/conversations/${visitor.conversationId}/messages`,
      `${widgetApi}/conversations/${visitor.conversationId.toUpperCase()}/messages`,
    ]) {
      const allowed = await preflight(url, shop);
      expect(allowed.statusCode, url).toBe(204);
      expect(allowed.headers['access-control-allow-origin'], url).toBe(shop);
      expect(String(allowed.headers['access-control-allow-methods'])).toContain('POST');

      const refused = await preflight(url, evil);
      expect(refused.statusCode, url).toBe(204);
      expect(refused.headers['access-control-allow-origin'], url).toBeUndefined();
      expect(refused.headers.vary, url).toContain('Origin');
    }
  });

  it('stays open for widgets without allowedOrigins, unknown ids and URLs that name no widget', async () => {
    const open = await createWidget(t, tenant.headers);
    const visitor = await startVisitor(t.app, open.id);
    const restricted = await createWidget(t, tenant.headers, { allowedOrigins: [shop] });
    for (const url of [
      `${widgetApi}/${open.id}/conversations`,
      `${widgetApi}/conversations/${visitor.conversationId}/messages`,
      `${widgetApi}/0190a000-0000-7000-8000-000000000000/conversations`,
      `${widgetApi}/conversations/not-an-id/messages`,
      `${widgetApi}/widget.js`,
      // The public settings answer any origin (with originAllowed: false), so their preflight does too.
      `${widgetApi}/${restricted.id}`,
    ]) {
      const res = await preflight(url, evil);
      expect(res.statusCode, url).toBe(204);
      expect(res.headers['access-control-allow-origin'], url).toBe(evil);
    }
  });
});
