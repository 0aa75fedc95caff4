import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { API, createRule, startChat, type Tenant, tenantWithCredits } from './testing/ai-test-kit.ts';

/** SPEC §8: "every visitor message gets contentLanguage" — also when detection cannot tell. */
describe('contentLanguage of visitor messages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function languagesOf(tenant: Tenant, conversationId: string) {
    const res = await t.app.inject({
      method: 'GET',
      url: `${API}/conversations/${conversationId}`,
      headers: tenant.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    return (
      res.json().data.messages as Array<{ role: string; content: string; contentLanguage: string | null }>
    )
      .filter((m) => m.role === 'visitor')
      .map((m) => [m.content, m.contentLanguage]);
  }

  it('short or language-neutral lines take the language of the visitor’s earlier messages', async () => {
    const tenant = await tenantWithCredits(t, 0);
    const chat = await startChat(t, tenant, { aiEnabled: false });
    for (const line of [
      'Wo ist meine Bestellung?',
      'ok',
      '4521',
      'john@example.com',
      'Where is my order?',
      'ok',
    ]) {
      await chat.say(line);
    }
    expect(await languagesOf(tenant, chat.conversationId)).toEqual([
      ['Wo ist meine Bestellung?', 'de'],
      ['ok', 'de'],
      ['4521', 'de'],
      ['john@example.com', 'de'],
      ['Where is my order?', 'en'],
      ['ok', 'en'],
    ]);
  });

  it('a detected language wins over the stated one; the stated one stands in before any was detected', async () => {
    const tenant = await tenantWithCredits(t, 0);
    const chat = await startChat(t, tenant, { aiEnabled: false }, { language: 'en-US' });
    for (const line of ['ok', 'Wie viel kostet das?', '4521']) await chat.say(line);
    expect(await languagesOf(tenant, chat.conversationId)).toEqual([
      ['ok', 'en-US'],
      ['Wie viel kostet das?', 'de'],
      ['4521', 'de'],
    ]);
  });

  it('without a stated or earlier language: the tenant’s AI language ("en" unless set)', async () => {
    const tenant = await tenantWithCredits(t, 0);
    const chat = await startChat(t, tenant, { aiEnabled: false });
    await chat.say('ok');
    expect(await languagesOf(tenant, chat.conversationId)).toEqual([['ok', 'en']]);

    const french = await tenantWithCredits(t, 0);
    const set = await t.app.inject({
      method: 'PATCH',
      url: `${API}/settings/ai`,
      headers: french.headers,
      payload: { language: 'fr' },
    });
    expect(set.statusCode, set.body).toBe(200);
    const frenchChat = await startChat(t, french, { aiEnabled: false });
    await frenchChat.say('#4521');
    expect(await languagesOf(french, frenchChat.conversationId)).toEqual([['#4521', 'fr']]);
  });

  it('LANGUAGE_IS sees the same language as the transcript', async () => {
    const tenant = await tenantWithCredits(t, 0);
    await createRule(t, tenant, {
      name: 'German',
      conditions: [{ type: 'LANGUAGE_IS', language: 'de' }],
      actions: [{ type: 'REPLY_TEXT', text: 'Auf Deutsch ({language})' }],
    });
    await createRule(t, tenant, {
      name: 'English',
      conditions: [{ type: 'LANGUAGE_IS', language: 'en' }],
      actions: [{ type: 'REPLY_TEXT', text: 'In English ({language})' }],
    });
    const chat = await startChat(t, tenant, { aiEnabled: false }, { language: 'en-US' });
    expect(await chat.say('ok')).toEqual([{ role: 'ai', content: 'In English (en-US)' }]);
    expect(await chat.say('Wie viel kostet das?')).toEqual([{ role: 'ai', content: 'Auf Deutsch (de)' }]);
    expect(await chat.say('4521')).toEqual([{ role: 'ai', content: 'Auf Deutsch (de)' }]);

    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/rules/test`,
      headers: tenant.headers,
      payload: { message: 'Wie viel kostet das?' },
    });
    expect(res.json().data.matches[0]).toMatchObject({ name: 'German', matched: true });

    const unstated = await startChat(t, tenant, { aiEnabled: false });
    expect(await unstated.say('ok')).toEqual([{ role: 'ai', content: 'In English (en)' }]);
  });
});

describe('visitorLanguage of a conversation started without one', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const visitorLanguageOf = async (tenant: Tenant, conversationId: string) =>
    (await t.app.inject({ url: `${API}/conversations/${conversationId}`, headers: tenant.headers })).json()
      .data.visitorLanguage;

  it('takes the first language detected in the visitor’s messages and keeps it; a stated one stays', async () => {
    const tenant = await tenantWithCredits(t, 0);
    const chat = await startChat(t, tenant, { aiEnabled: false });
    await chat.say('ok');
    expect(await visitorLanguageOf(tenant, chat.conversationId)).toBeNull();
    await chat.say('Bonjour, où en est ma commande ?');
    expect(await visitorLanguageOf(tenant, chat.conversationId)).toBe('fr');
    await chat.say('Wo ist meine Bestellung?');
    expect(await visitorLanguageOf(tenant, chat.conversationId)).toBe('fr');

    const stated = await startChat(t, tenant, { aiEnabled: false }, { language: 'en-US' });
    await stated.say('Bonjour, où en est ma commande ?');
    expect(await visitorLanguageOf(tenant, stated.conversationId)).toBe('en-US');
  });
});
