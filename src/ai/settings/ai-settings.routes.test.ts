import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { nowIso } from '../../db/time.ts';
import { type ScriptedLlmServer, startScriptedLlmServer } from '../testing/scripted-llm-server.ts';

const url = '/api/v1/tenant-api/settings/ai';

describe('AI settings (tenant)', () => {
  let t: TestApp;
  let llm: ScriptedLlmServer;
  beforeAll(async () => {
    llm = await startScriptedLlmServer();
    t = await createTestApp({ PARLEY_OUTBOUND_ALLOW: llm.allowEntry, PARLEY_OUTBOUND_TIMEOUT_MS: '15000' });
  });
  afterAll(async () => {
    await t.close();
    await llm.close();
  });

  it('defaults to the installation’s embedded provider, which tests as available', async () => {
    const tenant = await t.createTenant();
    const res = await t.app.inject({ method: 'GET', url, headers: tenant.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({
      provider: 'embedded',
      source: 'installation',
      apiKey: null,
      language: 'en',
      translationAvailable: false,
    });
    const test = await t.app.inject({ method: 'POST', url: `${url}/test`, headers: tenant.headers });
    expect(test.json().data).toMatchObject({ ok: true });
    expect(typeof test.json().data.durationMs).toBe('number');
  });

  it('validates the provider combination', async () => {
    const tenant = await t.createTenant();
    const noBase = await t.app.inject({
      method: 'PUT',
      url,
      headers: tenant.headers,
      payload: { provider: 'openai-compatible', model: 'llama3' },
    });
    expect(noBase.statusCode).toBe(400);
    expect(noBase.json().error.code).toBe('VALIDATION_ERROR');
    expect(noBase.json().error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'baseUrl' })]),
    );
    for (const baseUrl of [
      'https://llm.example.com/v1?api_key=sk-secret-1',
      'https://llm.example.com/v1#x',
    ]) {
      const withQuery = await t.app.inject({
        method: 'PUT',
        url,
        headers: tenant.headers,
        payload: { provider: 'openai-compatible', model: 'llama3', baseUrl },
      });
      expect(withQuery.statusCode, baseUrl).toBe(400);
      expect(withQuery.json().error.details[0]).toMatchObject({
        path: 'body.baseUrl',
        message: expect.stringContaining('no query string or fragment'),
      });
      expect(withQuery.body).not.toContain('sk-secret-1');
    }
    // Sent as it is in a header: a pasted placeholder ("sk-…") would make every model call fail.
    const placeholderKey = await t.app.inject({
      method: 'PUT',
      url,
      headers: tenant.headers,
      payload: { provider: 'openai', apiKey: 'sk-…' },
    });
    expect(placeholderKey.statusCode).toBe(400);
    expect(placeholderKey.json().error.details[0]).toMatchObject({
      path: 'body.apiKey',
      message: expect.stringContaining('only Latin-1 characters: "…"'),
    });
    const noKey = await t.app.inject({
      method: 'PUT',
      url,
      headers: tenant.headers,
      payload: { provider: 'openai' },
    });
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json().error.details[0].path).toBe('apiKey');
    const badProvider = await t.app.inject({
      method: 'PUT',
      url,
      headers: tenant.headers,
      payload: { provider: 'gpt' },
    });
    expect(badProvider.statusCode).toBe(400);
    const privateBase = await t.app.inject({
      method: 'PUT',
      url,
      headers: tenant.headers,
      payload: { provider: 'openai-compatible', model: 'm', baseUrl: 'http://169.254.169.254/v1' },
    });
    expect(privateBase.statusCode).toBe(400);
    expect(privateBase.json().error.details[0].message).toMatch(/blocked/);
  });

  it('seals the key, returns it masked, keeps it when omitted, and tests the provider', async () => {
    const tenant = await t.createTenant();
    const secret = 'sk-test-0123456789abcdef';
    const put = await t.app.inject({
      method: 'PUT',
      url,
      headers: tenant.headers,
      payload: {
        provider: 'openai-compatible',
        model: 'scripted-1',
        baseUrl: llm.baseUrl,
        apiKey: secret,
        language: 'de',
      },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().data).toEqual({
      provider: 'openai-compatible',
      model: 'scripted-1',
      baseUrl: llm.baseUrl,
      apiKey: '****cdef',
      source: 'tenant',
      language: 'de',
      handoverToOperator: false,
      translationAvailable: true,
    });
    const row = await t.ctx.db
      .selectFrom('ai_settings')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow();
    expect(row.api_key).not.toContain(secret);
    expect(t.ctx.vault.open(row.api_key as string)).toBe(secret);

    const again = await t.app.inject({
      method: 'PUT',
      url,
      headers: tenant.headers,
      payload: { provider: 'openai-compatible', model: 'scripted-2', baseUrl: llm.baseUrl },
    });
    expect(again.json().data).toMatchObject({ model: 'scripted-2', apiKey: '****cdef', language: 'de' });

    llm.script({ text: 'OK' });
    const before = llm.requests.length;
    const test = await t.app.inject({ method: 'POST', url: `${url}/test`, headers: tenant.headers });
    expect(test.json().data).toMatchObject({ ok: true });
    expect(test.json().data.message).toContain('scripted-2');
    expect(llm.requests.length).toBe(before + 1);
    expect(llm.server.requests.at(-1)?.headers.authorization).toBe(`Bearer ${secret}`);
    expect(JSON.stringify(put.json()) + JSON.stringify(test.json()) + t.logs()).not.toContain(secret);

    const usage = await t.app.inject({
      method: 'GET',
      url: '/api/v1/tenant-api/ai-usage',
      headers: tenant.headers,
    });
    expect(usage.json().data[0]).toMatchObject({
      kind: 'test',
      provider: 'openai-compatible',
      model: 'scripted-2',
      inputTokens: 11,
      outputTokens: 7,
    });

    const patch = await t.app.inject({
      method: 'PATCH',
      url,
      headers: tenant.headers,
      payload: { handoverToOperator: true },
    });
    expect(patch.json().data).toMatchObject({
      provider: 'openai-compatible',
      handoverToOperator: true,
      language: 'de',
    });

    const reset = await t.app.inject({ method: 'DELETE', url, headers: tenant.headers });
    expect(reset.json().data).toMatchObject({
      provider: 'embedded',
      source: 'installation',
      apiKey: null,
      language: 'de',
    });
  });

  it('reports a provider that fails, and keeps tenants apart', async () => {
    const tenant = await t.createTenant();
    const other = await t.createTenant();
    await t.app.inject({
      method: 'PUT',
      url,
      headers: tenant.headers,
      payload: { provider: 'openai-compatible', model: 'broken', baseUrl: llm.baseUrl },
    });
    llm.script({ status: 500, body: { error: { message: 'model exploded' } } });
    const test = await t.app.inject({ method: 'POST', url: `${url}/test`, headers: tenant.headers });
    expect(test.json().data.ok).toBe(false);
    expect(test.json().data.message).toMatch(/500/);
    const otherView = await t.app.inject({ method: 'GET', url, headers: other.headers });
    expect(otherView.json().data).toMatchObject({ provider: 'embedded', source: 'installation' });
  });
});

describe('AI provider outbound policy', () => {
  it('sends a tenant’s base URL through the SSRF guard, but trusts the operator’s PARLEY_AI_BASE_URL', async () => {
    const llm = await startScriptedLlmServer();
    const t = await createTestApp({
      PARLEY_AI_PROVIDER: 'openai-compatible',
      PARLEY_AI_BASE_URL: llm.baseUrl,
      PARLEY_AI_MODEL: 'operator-model',
      PARLEY_OUTBOUND_TIMEOUT_MS: '15000',
    });
    try {
      const installationTenant = await t.createTenant();
      const ok = await t.app.inject({
        method: 'POST',
        url: `${url}/test`,
        headers: installationTenant.headers,
      });
      expect(ok.json().data, ok.body).toMatchObject({ ok: true });
      const view = await t.app.inject({ method: 'GET', url, headers: installationTenant.headers });
      expect(view.json().data).toMatchObject({
        provider: 'openai-compatible',
        model: 'operator-model',
        baseUrl: null,
        source: 'installation',
      });

      // A tenant pointing its own provider at the same loopback server is blocked where the socket opens.
      const tenant = await t.createTenant();
      await t.ctx.db
        .insertInto('ai_settings')
        .values({
          tenant_id: tenant.id,
          provider: 'openai-compatible',
          model: 'sneaky',
          base_url: llm.baseUrl,
          api_key: null,
          language: 'en',
          handover_to_operator: 0,
          updated_at: nowIso(),
        })
        .execute();
      const before = llm.requests.length;
      const blocked = await t.app.inject({ method: 'POST', url: `${url}/test`, headers: tenant.headers });
      expect(blocked.json().data.ok, blocked.body).toBe(false);
      expect(blocked.json().data.message, blocked.body).toMatch(/blocked|not allowed|loopback/i);
      expect(llm.requests.length).toBe(before);
    } finally {
      await t.close();
      await llm.close();
    }
  });
});
