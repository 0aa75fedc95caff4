import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { API, startChat, tenantWithCredits } from '../testing/ai-test-kit.ts';
import { type ScriptedLlmServer, startScriptedLlmServer } from '../testing/scripted-llm-server.ts';
import { TRANSLATION_UNAVAILABLE, translateText } from './translate-text.ts';

describe('translation and language', () => {
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

  async function messagesOf(headers: Record<string, string>, conversationId: string) {
    const res = await t.app.inject({ method: 'GET', url: `${API}/conversations/${conversationId}`, headers });
    return res.json().data.messages as Array<Record<string, unknown>>;
  }

  it('detects every visitor message’s language, with or without AI', async () => {
    const tenant = await tenantWithCredits(t, 0);
    const chat = await startChat(t, tenant, { aiEnabled: false });
    await chat.say('Wo ist meine Bestellung? Sie sollte gestern ankommen.');
    await chat.say('Où est ma commande ?');
    const [de, fr] = await messagesOf(tenant.headers, chat.conversationId);
    expect(de).toMatchObject({ role: 'visitor', contentLanguage: 'de', translatedContent: null });
    expect(fr).toMatchObject({ role: 'visitor', contentLanguage: 'fr' });
  });

  it('with translationEnabled and an LLM: visitor messages are translated for operators, operator messages for the visitor', async () => {
    const tenant = await tenantWithCredits(t, 1000);
    await t.app.inject({
      method: 'PUT',
      url: `${API}/settings/ai`,
      headers: tenant.headers,
      payload: { provider: 'openai-compatible', model: 'translator', baseUrl: llm.baseUrl, language: 'en' },
    });
    const chat = await startChat(t, tenant, { translationEnabled: true, aiEnabled: false });
    llm.script({ text: 'Where is my order? It should have arrived yesterday.' });
    await chat.say('Où est ma commande ? Elle devait arriver hier.');
    const [visitor] = await messagesOf(tenant.headers, chat.conversationId);
    expect(visitor).toMatchObject({
      contentLanguage: 'fr',
      translatedContent: 'Where is my order? It should have arrived yesterday.',
      translatedLanguage: 'en',
    });
    expect(JSON.stringify(llm.requests.at(-1))).toContain('into English (en)');

    llm.script({ text: 'Votre commande a été expédiée.' });
    const sent = await t.app.inject({
      method: 'POST',
      url: `${API}/conversations/${chat.conversationId}/messages`,
      headers: tenant.headers,
      payload: { role: 'operator', content: 'Your order has shipped and arrives tomorrow.' },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json().data).toMatchObject({
      role: 'operator',
      content: 'Your order has shipped and arrives tomorrow.',
      contentLanguage: 'en',
      translatedContent: 'Votre commande a été expédiée.',
      translatedLanguage: 'fr',
    });
    const usage = await t.app.inject({ method: 'GET', url: `${API}/ai-usage`, headers: tenant.headers });
    expect(usage.json().data.map((u: { kind: string }) => u.kind)).toEqual(['translate', 'translate']);
  });

  it('without an LLM, translation is reported unavailable and nothing is translated', async () => {
    const tenant = await tenantWithCredits(t, 1000);
    const chat = await startChat(t, tenant, { translationEnabled: true, aiEnabled: false });
    const before = llm.requests.length;
    await chat.say('Où est ma commande ? Elle devait arriver hier.');
    const [visitor] = await messagesOf(tenant.headers, chat.conversationId);
    expect(visitor).toMatchObject({
      contentLanguage: 'fr',
      translatedContent: null,
      translatedLanguage: null,
    });
    const sent = await t.app.inject({
      method: 'POST',
      url: `${API}/conversations/${chat.conversationId}/messages`,
      headers: tenant.headers,
      payload: { role: 'operator', content: 'Your order has shipped.' },
    });
    expect(sent.json().data).toMatchObject({ translatedContent: null, translatedLanguage: null });
    expect(llm.requests.length).toBe(before);
    const settings = await t.app.inject({
      method: 'GET',
      url: `${API}/settings/ai`,
      headers: tenant.headers,
    });
    expect(settings.json().data.translationAvailable).toBe(false);
    expect(
      await translateText(t.ctx, {
        tenantId: tenant.id,
        conversationId: null,
        text: 'Bonjour',
        from: 'fr',
        to: 'en',
      }),
    ).toEqual({ ok: false, reason: 'unavailable', message: TRANSLATION_UNAVAILABLE });
  });
});
