import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { redactUrl } from './logger.ts';

describe('request logs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('never contain credentials passed in a query string', async () => {
    const secrets = {
      apiKey: 'tak_query-key-0001',
      token: 'visitor-token-0002',
      visitorToken: 'visitor-token-0003',
      code: 'oauth-code-0004',
      secret: 'whsec_query-0005',
      client_secret: 'client-secret-0006',
      signature: 'sig-0007',
    };
    const query = new URLSearchParams(secrets).toString();
    for (const url of [
      `/api/v1/tenant-api/events?${query}`,
      `/api/v1/widget/conversations/0190a5a0-0000-7000-8000-000000000000/ws?${query}`,
      `/api/v1/tenant-api/conversations?limit=5&${query}`,
    ]) {
      await t.app.inject({ url });
    }
    const logs = t.logs();
    expect(logs).toContain('[REDACTED]');
    expect(logs).toContain('limit=5');
    for (const value of Object.values(secrets)) expect(logs).not.toContain(value);
  });

  it('keep the parameters that carry no secret', () => {
    expect(redactUrl('/x?status=open&token=abc&widgetId=w1&keyword=k#frag')).toBe(
      '/x?status=open&token=[REDACTED]&widgetId=w1&keyword=k#frag',
    );
  });
});
