import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { API, createRule, startChat, tenantWithCredits } from '../ai/testing/ai-test-kit.ts';
import { type ScriptedLlmServer, startScriptedLlmServer } from '../ai/testing/scripted-llm-server.ts';

/** SPEC §8: on a translating widget the assistant's replies reach the visitor in their language. */
describe('REPLY_TEXT on a translating widget', () => {
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

  it("is translated into the visitor's language; the tenant's text stays as written", async () => {
    const tenant = await tenantWithCredits(t, 1000);
    await t.app.inject({
      method: 'PUT',
      url: `${API}/settings/ai`,
      headers: tenant.headers,
      payload: { provider: 'openai-compatible', model: 'translator', baseUrl: llm.baseUrl, language: 'en' },
    });
    await createRule(t, tenant, {
      name: 'Handover',
      conditions: [{ type: 'MESSAGE_MATCHES_REGEX', pattern: 'mensch', flags: 'i' }],
      actions: [{ type: 'REPLY_TEXT', text: 'A member of our team will be with you shortly.' }],
      stopProcessing: true,
    });
    const chat = await startChat(t, tenant, { translationEnabled: true, aiEnabled: false });
    // The visitor's message is translated for operators first, then the reply for the visitor.
    llm.script(
      { text: 'I would like to speak to a human, please.' },
      { text: 'Ein Mitglied unseres Teams ist gleich für Sie da.' },
    );
    await chat.say('Ich möchte bitte mit einem Menschen sprechen');
    const messages = (
      await t.app.inject({ url: `${API}/conversations/${chat.conversationId}`, headers: tenant.headers })
    ).json().data.messages;
    expect(messages[1]).toMatchObject({
      role: 'ai',
      content: 'A member of our team will be with you shortly.',
      contentLanguage: 'en',
      translatedContent: 'Ein Mitglied unseres Teams ist gleich für Sie da.',
      translatedLanguage: 'de',
    });
  });

  it('costs nothing on a widget that does not translate', async () => {
    const tenant = await tenantWithCredits(t, 1000);
    await createRule(t, tenant, {
      name: 'Hello',
      conditions: [{ type: 'MESSAGE_CONTAINS', value: 'hallo' }],
      actions: [{ type: 'REPLY_TEXT', text: 'Hello!' }],
    });
    const chat = await startChat(t, tenant, { aiEnabled: false });
    const before = llm.requests.length;
    expect(await chat.say('Hallo zusammen, guten Tag')).toEqual([{ role: 'ai', content: 'Hello!' }]);
    expect(llm.requests.length).toBe(before);
  });
});
