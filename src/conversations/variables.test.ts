import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type TestEnvironment } from '../../test/helpers/test-app.ts';
import { type AppContext, createContext } from '../context.ts';
import { createTenant } from '../tenants/tenants.ts';
import { annotateMessage } from './annotate-message.ts';
import { postMessage } from './post-message.ts';
import { startConversation } from './start-conversation.ts';
import { getVariables, setVariables } from './variables.ts';
import { createWidget } from './widgets/widgets.ts';

describe('session variables and message annotations', () => {
  let environment: TestEnvironment;
  let ctx: AppContext;
  let tenantId: string;
  let conversationId: string;

  beforeAll(async () => {
    environment = await createTestEnvironment();
    ctx = await createContext(environment.config);
    tenantId = (await createTenant(ctx.db, 'Vars')).id;
    const widget = await createWidget(ctx, tenantId, { name: 'w' });
    conversationId = (await startConversation(ctx, { id: widget.id, tenantId }, {})).conversation.id;
  });
  afterAll(async () => {
    await ctx.close();
    await environment.dispose();
  });

  it('merges patches as strings, removes null keys and keeps "__proto__" a plain key', async () => {
    expect(await getVariables(ctx.db, tenantId, conversationId)).toEqual({});
    expect(
      await setVariables(ctx.db, tenantId, conversationId, { order_id: '4521', count: 2, ok: true }),
    ).toEqual({
      order_id: '4521',
      count: '2',
      ok: 'true',
    });
    const next = await setVariables(ctx.db, tenantId, conversationId, {
      count: null,
      __proto__: 'x',
    } as never);
    expect(next).toEqual({ order_id: '4521', ok: 'true' });
    const proto = await setVariables(
      ctx.db,
      tenantId,
      conversationId,
      JSON.parse('{"__proto__":"polluted"}'),
    );
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await getVariables(ctx.db, tenantId, conversationId)).order_id).toBe('4521');
  });

  it('loses no key when many writers patch at once', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        setVariables(ctx.db, tenantId, conversationId, { [`k${i}`]: String(i) }),
      ),
    );
    const vars = await getVariables(ctx.db, tenantId, conversationId);
    for (let i = 0; i < 20; i++) expect(vars[`k${i}`]).toBe(String(i));
  });

  it('works inside a caller transaction and is scoped to the tenant', async () => {
    await ctx.db.transaction().execute(async (trx) => {
      await setVariables(trx, tenantId, conversationId, { in_trx: 'yes' });
    });
    expect((await getVariables(ctx.db, tenantId, conversationId)).in_trx).toBe('yes');
    const other = (await createTenant(ctx.db, 'Other')).id;
    expect(await setVariables(ctx.db, other, conversationId, { stolen: '1' })).toBeUndefined();
    expect(await getVariables(ctx.db, other, conversationId)).toEqual({});
  });

  it('annotates a message with its language and translation, only for its tenant', async () => {
    const message = await postMessage(ctx, { tenantId, conversationId, role: 'ai', content: 'Hallo' });
    if (!message) throw new Error('not stored');
    const other = (await createTenant(ctx.db, 'Other 2')).id;
    expect(await annotateMessage(ctx.db, other, message.id, { contentLanguage: 'xx' })).toBe(false);
    expect(
      await annotateMessage(ctx.db, tenantId, message.id, {
        contentLanguage: 'de',
        translatedContent: 'Hello',
        translatedLanguage: 'en',
      }),
    ).toBe(true);
    const row = await ctx.db
      .selectFrom('messages')
      .select(['content_language', 'translated_content', 'translated_language'])
      .where('id', '=', message.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ content_language: 'de', translated_content: 'Hello', translated_language: 'en' });
  });
});
