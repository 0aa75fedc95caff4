import { afterEach, describe, expect, it } from 'vitest';
import { type AiHooks, defaultAiHooks, registerAiHooks, type SlotFillResult } from '../ai-hooks.ts';
import { type Action, actionSchema, actionTypes } from './action.schema.ts';
import type { RunningRule } from './action.ts';
import { endpointSummary, failedCall, fakeEffects, okCall, turnOf } from './fake-effects.ts';
import { slotFields } from './fill-endpoint-slots.ts';
import { PENDING_RULE_VARIABLE } from './pending-rule.ts';
import { AI_UNAVAILABLE_NOTE } from './reply-ai.ts';
import { runActions } from './run-actions.ts';

const rule = (over: Partial<RunningRule> = {}): RunningRule => ({
  id: 'r-1',
  name: 'Rule',
  type: 'static',
  captures: {},
  locals: {},
  ...over,
});
const parse = (actions: unknown[]) => actions.map((action) => actionSchema.parse(action)) as Action[];

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});
const withHooks = (hooks: Partial<AiHooks>) => {
  restore = registerAiHooks({ ...defaultAiHooks, ...hooks });
};

describe('action schema', () => {
  it('accepts every action type and rejects unknown ones by name', () => {
    const samples = [
      { type: 'CALL_API', endpointId: 'e' },
      { type: 'REPLY_TEXT', text: 'hi' },
      { type: 'REPLY_AI' },
      { type: 'SET_VARIABLE', name: 'x', value: 1 },
      { type: 'ASSIGN_TO_OPERATOR' },
      { type: 'SET_STATUS', status: 'closed' },
    ];
    expect(samples.map((s) => actionSchema.parse(s).type)).toEqual([...actionTypes]);
    expect(actionSchema.safeParse({ type: 'SEND_EMAIL' }).error?.issues[0].message).toMatch(
      /Unknown action type "SEND_EMAIL"; expected one of CALL_API/,
    );
    const nested = actionSchema.safeParse({
      type: 'CALL_API',
      endpointId: 'e',
      branches: [{ status: '2xx', actions: [{ type: 'NOPE' }] }],
    });
    expect(nested.error?.issues[0].message).toMatch(/Unknown action type "NOPE"/);
    expect(
      actionSchema.safeParse({
        type: 'CALL_API',
        endpointId: 'e',
        branches: [{ status: 'teapot', actions: [{ type: 'REPLY_TEXT', text: 'x' }] }],
      }).success,
    ).toBe(false);
  });
});

describe('REPLY_TEXT and SET_VARIABLE', () => {
  it('interpolates session variables and regex groups; unknown ones render empty and are reported', async () => {
    const effects = fakeEffects();
    const turn = turnOf({ variables: { name: 'Ann' } });
    const run = await runActions(
      parse([
        { type: 'SET_VARIABLE', name: 'orderId', value: '{match.1}' },
        { type: 'REPLY_TEXT', text: 'Hi {name}, order {orderId} is {order_status}.' },
      ]),
      { turn, rule: rule({ captures: { 'match.0': '#4521', 'match.1': '4521' } }), effects },
    );
    expect(effects.replies).toEqual(['Hi Ann, order 4521 is .']);
    expect(effects.saved).toEqual([{ orderId: '4521' }]);
    expect(turn.variables.orderId).toBe('4521');
    expect(run.unknownVariables).toEqual(['order_status']);
    expect(run.log[1]).toMatchObject({ type: 'REPLY_TEXT', unknownVariables: ['order_status'] });
  });
});

describe('{language}, a built-in variable', () => {
  it("is the message's language in replies, params and the call, unless a rule set a session variable of that name", async () => {
    const effects = fakeEffects();
    const actions = parse([
      { type: 'CALL_API', endpointId: 'ep-1', params: { lang: '{language}' } },
      { type: 'REPLY_TEXT', text: 'Sprache: {language}' },
    ]);
    await runActions(actions, { turn: turnOf({ language: 'de' }), rule: rule(), effects });
    expect(effects.calls[0].variables).toMatchObject({ language: 'de', lang: 'de' });
    expect(effects.replies).toEqual(['Sprache: de']);

    const overridden = turnOf({ language: 'de', variables: { language: 'fr' } });
    await runActions(actions, { turn: overridden, rule: rule(), effects });
    expect(effects.calls[1].variables).toMatchObject({ language: 'fr', lang: 'fr' });
    expect(effects.replies.at(-1)).toBe('Sprache: fr');

    const unknown = await runActions(actions, { turn: turnOf({ language: null }), rule: rule(), effects });
    expect(effects.replies.at(-1)).toBe('Sprache: ');
    expect(unknown.unknownVariables).toEqual(['language']);
  });

  it('leaves an endpoint field of that name to the field (say, an enum of the languages the API knows)', async () => {
    const effects = fakeEffects();
    effects.describeEndpoint = async () =>
      endpointSummary({
        fields: [{ name: 'language', type: 'enum', required: false, description: '', enum: ['en', 'fr'] }],
      });
    await runActions(parse([{ type: 'CALL_API', endpointId: 'ep-1' }]), {
      turn: turnOf({ language: 'de' }),
      rule: rule(),
      effects,
    });
    expect(effects.calls[0].variables).not.toHaveProperty('language');
  });
});

describe('verified visitor.* variables stay read-only', () => {
  it('rejects SET_VARIABLE and CALL_API params naming them, and drops them from mappings and slots', async () => {
    expect(
      actionSchema.safeParse({ type: 'SET_VARIABLE', name: 'visitor.verified', value: 'true' }).error
        ?.issues[0].message,
    ).toMatch(/identity verification/);
    expect(
      actionSchema.safeParse({ type: 'CALL_API', endpointId: 'e', params: { 'Visitor.Email': 'x' } }).success,
    ).toBe(false);
    withHooks({
      fillSlots: async () => ({ status: 'complete', values: { 'visitor.id': 'forged', orderId: '1' } }),
    });
    const effects = fakeEffects({
      call: () => okCall({ mapped: { 'visitor.verified': 'true', tier: 'gold' } }),
    });
    const turn = turnOf({ variables: { 'visitor.verified': 'false' } });
    await runActions(parse([{ type: 'CALL_API', endpointId: 'ep-1' }]), {
      turn,
      rule: rule({ type: 'ai' }),
      effects,
    });
    expect(turn.variables).toEqual({ 'visitor.verified': 'false', orderId: '1', tier: 'gold' });
    expect(effects.saved).toEqual([{ orderId: '1' }, { tier: 'gold' }]);
  });
});

describe('_pendingRule belongs to the assistant', () => {
  it('rejects SET_VARIABLE naming it and drops it from mappings, while a slot question still sets it', async () => {
    expect(
      actionSchema.safeParse({ type: 'SET_VARIABLE', name: PENDING_RULE_VARIABLE, value: 'r-9:1:x' }).error
        ?.issues[0].message,
    ).toMatch(/_pendingRule only by the assistant: choose another name/);
    const effects = fakeEffects({
      call: () => okCall({ mapped: { [PENDING_RULE_VARIABLE]: 'r-9:1:x', order_status: 'shipped' } }),
    });
    const turn = turnOf();
    await runActions(parse([{ type: 'CALL_API', endpointId: 'ep-1' }]), { turn, rule: rule(), effects });
    expect(turn.variables).toEqual({ order_status: 'shipped' });
    expect(effects.saved).toEqual([{ order_status: 'shipped' }]);

    withHooks({
      fillSlots: async () => ({ status: 'ask', question: 'Order number?', field: 'orderId', values: {} }),
    });
    const asking = fakeEffects();
    const waiting = turnOf();
    await runActions(parse([{ type: 'CALL_API', endpointId: 'ep-1' }]), {
      turn: waiting,
      rule: rule({ type: 'ai' }),
      effects: asking,
    });
    expect(waiting.variables).toEqual({ [PENDING_RULE_VARIABLE]: 'r-1:1:orderId' });
    expect(asking.saved).toContainEqual({ [PENDING_RULE_VARIABLE]: 'r-1:1:orderId' });
  });
});

describe('SET_STATUS and ASSIGN_TO_OPERATOR', () => {
  it('set the status and assign the given or least-busy operator', async () => {
    const effects = fakeEffects({ operator: 'op-least-busy' });
    const turn = turnOf();
    const run = await runActions(
      parse([
        { type: 'SET_STATUS', status: 'closed' },
        { type: 'ASSIGN_TO_OPERATOR' },
        { type: 'ASSIGN_TO_OPERATOR', operatorId: '0190a0a0-0000-7000-8000-000000000001' },
      ]),
      { turn, rule: rule(), effects },
    );
    expect(effects.statuses).toEqual(['closed']);
    expect(effects.assigned).toEqual([null, '0190a0a0-0000-7000-8000-000000000001']);
    expect(run.log.map((entry) => entry.operatorId)).toEqual([
      undefined,
      'op-least-busy',
      '0190a0a0-0000-7000-8000-000000000001',
    ]);
    expect(turn.status).toBe('pending');
  });

  it('reports when no operator is available', async () => {
    const run = await runActions(parse([{ type: 'ASSIGN_TO_OPERATOR' }]), {
      turn: turnOf(),
      rule: rule(),
      effects: fakeEffects(),
    });
    expect(run.log[0]).toMatchObject({ operatorId: null, error: 'No operator is available' });
  });
});

describe('REPLY_AI', () => {
  it('leaves a system note when no AI layer is registered', async () => {
    const effects = fakeEffects();
    const run = await runActions(parse([{ type: 'REPLY_AI' }]), { turn: turnOf(), rule: rule(), effects });
    expect(effects.replies).toEqual([]);
    expect(effects.notes).toEqual([AI_UNAVAILABLE_NOTE]);
    expect(run.log[0]).toMatchObject({ type: 'REPLY_AI', text: null });
  });

  it('replies what the AI writes, given the mapped variables and instructions', async () => {
    const seen: unknown[] = [];
    withHooks({
      async replyAi(_ctx, turn, action) {
        seen.push(action);
        return { text: `Your order is ${turn.variables.order_status}.` };
      },
    });
    const effects = fakeEffects({ call: () => okCall({ mapped: { order_status: 'shipped' } }) });
    await runActions(
      parse([
        { type: 'CALL_API', endpointId: 'ep-1' },
        { type: 'REPLY_AI', instructions: 'Be brief' },
      ]),
      {
        turn: turnOf(),
        rule: rule(),
        effects,
      },
    );
    expect(effects.replies).toEqual(['Your order is shipped.']);
    expect(seen).toEqual([
      {
        instructions: 'Be brief',
        mappedVariables: ['order_status'],
        endpointDescription: 'Returns the status of one order',
      },
    ]);
  });

  it('falls back to the fallback reply when the AI throws, and is not consulted in a dry-run', async () => {
    withHooks({
      async replyAi() {
        throw new Error('provider down');
      },
    });
    const effects = fakeEffects();
    const run = await runActions(parse([{ type: 'REPLY_AI' }, { type: 'REPLY_TEXT', text: 'never' }]), {
      turn: turnOf(),
      rule: rule(),
      effects,
    });
    expect(effects.replies).toEqual(['Sorry, try again later.']);
    expect(run.halted).toBe(true);
    const dry = fakeEffects({ live: false });
    await runActions(parse([{ type: 'REPLY_AI' }]), { turn: turnOf(), rule: rule(), effects: dry });
    expect(dry.replies).toEqual([]);
  });
});

describe('CALL_API', () => {
  it('passes interpolated params (regex groups included) over session variables and saves mapped variables', async () => {
    const effects = fakeEffects({
      call: () => okCall({ mapped: { order_status: 'shipped', delivery_eta: 'Thursday' } }),
    });
    const turn = turnOf({ variables: { orderId: 'old', lang: 'en' } });
    const run = await runActions(
      parse([
        {
          type: 'CALL_API',
          endpointId: 'ep-1',
          params: { orderId: '{match.1}', fixed: 42, greeting: 'hi {lang} {nope}' },
        },
        { type: 'REPLY_TEXT', text: 'Order {orderId}: {order_status}, ETA {delivery_eta}' },
      ]),
      { turn, rule: rule({ captures: { 'match.1': '4521' } }), effects },
    );
    expect(effects.calls[0].variables).toMatchObject({
      orderId: '4521',
      fixed: '42',
      greeting: 'hi en ',
      lang: 'en',
      'match.1': '4521',
    });
    // Params are not stored (the session's orderId stays "old"), but the rule's later actions see
    // them: the reply names the order this call looked up.
    expect(effects.saved).toEqual([{ order_status: 'shipped', delivery_eta: 'Thursday' }]);
    expect(turn.variables.orderId).toBe('old');
    expect(effects.replies).toEqual(['Order 4521: shipped, ETA Thursday']);
    expect(run.unknownVariables).toEqual(['nope']);
    expect(run.log[0]).toMatchObject({
      type: 'CALL_API',
      status: 200,
      ok: true,
      mapped: { order_status: 'shipped' },
    });
  });

  const branched = parse([
    {
      type: 'CALL_API',
      endpointId: 'ep-1',
      branches: [
        { status: '2xx', actions: [{ type: 'REPLY_TEXT', text: 'found' }] },
        { status: '404', actions: [{ type: 'REPLY_TEXT', text: 'no such order' }] },
        { status: '4xx', actions: [{ type: 'REPLY_TEXT', text: 'bad request' }] },
        {
          status: '5xx',
          actions: [{ type: 'REPLY_TEXT', text: 'server trouble' }, { type: 'ASSIGN_TO_OPERATOR' }],
        },
        { status: 'error', actions: [{ type: 'REPLY_TEXT', text: 'unreachable' }] },
      ],
    },
    { type: 'REPLY_TEXT', text: 'after the call' },
  ]);

  it.each([
    [200, okCall(), ['found']],
    [404, failedCall(404), ['no such order']],
    [422, failedCall(422), ['bad request']],
    [503, failedCall(503), ['server trouble']],
    ['timeout', failedCall(null), ['unreachable']],
  ])('runs the branch for %s instead of the rest of the rule', async (_label, outcome, replies) => {
    const effects = fakeEffects({ call: () => outcome });
    const run = await runActions(branched, { turn: turnOf(), rule: rule(), effects });
    expect(effects.replies).toEqual(replies);
    expect(run.halted).toBe(false);
  });

  it('falls back to "default", and without a matching branch a failure replies the fallback and stops', async () => {
    const withDefault = parse([
      {
        type: 'CALL_API',
        endpointId: 'ep-1',
        branches: [
          { status: '404', actions: [{ type: 'REPLY_TEXT', text: 'x' }] },
          { status: 'default', actions: [{ type: 'REPLY_TEXT', text: 'other' }] },
        ],
      },
    ]);
    const a = fakeEffects({ call: () => failedCall(500) });
    await runActions(withDefault, { turn: turnOf(), rule: rule(), effects: a });
    expect(a.replies).toEqual(['other']);

    const bare = parse([
      { type: 'CALL_API', endpointId: 'ep-1' },
      { type: 'REPLY_TEXT', text: 'The price is {current_price}.' },
    ]);
    for (const outcome of [failedCall(500), failedCall(null), failedCall(200)]) {
      const effects = fakeEffects({ call: () => outcome });
      const run = await runActions(bare, { turn: turnOf(), rule: rule(), effects });
      expect(effects.replies).toEqual(['Sorry, try again later.']);
      expect(run.halted).toBe(true);
      expect(run.log.map((entry) => entry.type)).toEqual(['CALL_API', 'FALLBACK_REPLY']);
    }
  });

  it('replies only the validation message on a failed validation and stops', async () => {
    const effects = fakeEffects({
      call: () =>
        okCall({
          ok: false,
          validation: { passed: false, errors: ["Email doesn't match. Please verify your details."] },
        }),
    });
    const run = await runActions(
      parse([
        { type: 'CALL_API', endpointId: 'ep-1' },
        { type: 'REPLY_TEXT', text: 'never' },
      ]),
      {
        turn: turnOf(),
        rule: rule(),
        effects,
      },
    );
    expect(effects.replies).toEqual(["Email doesn't match. Please verify your details."]);
    expect(run.halted).toBe(true);
  });

  it.each([
    ['an upstream error', failedCall(404)],
    ['a timeout', failedCall(null)],
    ['a failed validation', okCall({ ok: false, validation: { passed: false, errors: ['No match.'] } })],
    ['a missing required value', failedCall(null, { request: { missing: ['orderId'] } })],
  ])("removes the endpoint's mapped variables after %s", async (_label, outcome) => {
    const effects = fakeEffects({ call: () => outcome });
    const turn = turnOf({ variables: { order_status: 'shipped', name: 'Ann' } });
    const run = await runActions(
      parse([
        {
          type: 'CALL_API',
          endpointId: 'ep-1',
          branches: [
            { status: 'default', actions: [{ type: 'REPLY_TEXT', text: 'Status: {order_status}' }] },
          ],
        },
      ]),
      { turn, rule: rule(), effects },
    );
    expect(turn.variables).toEqual({ name: 'Ann' });
    expect(effects.saved).toEqual([{ order_status: null }]);
    expect(run.log[0]).toMatchObject({ type: 'CALL_API', cleared: ['order_status'] });
    expect(effects.replies.join(' ')).not.toContain('shipped');
  });

  it('keeps what a call mapped and removes the mapped variables its response lacked; a preview removes nothing', async () => {
    const effects = fakeEffects({ call: () => okCall({ mapped: { order_status: 'pending' } }) });
    effects.describeEndpoint = async () =>
      endpointSummary({ mappedVariables: ['order_status', 'tracking_url'] });
    const turn = turnOf({ variables: { order_status: 'shipped', tracking_url: 'https://t.example/4521' } });
    await runActions(parse([{ type: 'CALL_API', endpointId: 'ep-1' }]), { turn, rule: rule(), effects });
    expect(turn.variables).toEqual({ order_status: 'pending' });
    expect(effects.saved).toEqual([{ order_status: 'pending' }, { tracking_url: null }]);

    const preview = fakeEffects({ live: false, call: () => okCall({ status: null, preview: true }) });
    const kept = turnOf({ variables: { order_status: 'shipped' } });
    await runActions(parse([{ type: 'CALL_API', endpointId: 'ep-1' }]), {
      turn: kept,
      rule: rule(),
      effects: preview,
    });
    expect(kept.variables).toEqual({ order_status: 'shipped' });
    expect(preview.saved).toEqual([]);
  });

  it('replies the fallback when the endpoint no longer exists', async () => {
    const effects = fakeEffects();
    const run = await runActions(parse([{ type: 'CALL_API', endpointId: 'missing' }]), {
      turn: turnOf(),
      rule: rule(),
      effects,
    });
    expect(effects.calls).toEqual([]);
    expect(effects.replies).toEqual(['Sorry, try again later.']);
    expect(run.log[0]).toMatchObject({ error: 'The endpoint no longer exists' });
  });

  it('in a preview lists the resolved request and the branches, and carries on', async () => {
    const effects = fakeEffects({
      live: false,
      call: () => okCall({ status: null, preview: true, request: { method: 'GET', url: 'u' } }),
    });
    const run = await runActions(branched, { turn: turnOf(), rule: rule(), effects });
    expect(run.log[0]).toMatchObject({
      type: 'CALL_API',
      request: { method: 'GET', url: 'u' },
      branches: ['2xx', '404', '4xx', '5xx', 'error'],
    });
    expect(run.log[1]).toMatchObject({ type: 'REPLY_TEXT', text: 'after the call' });
  });
});

describe('CALL_API in AI rules: slot filling', () => {
  it("asks for a missing field, stores what it has and remembers the rule; 'complete' stores and calls", async () => {
    let answer: 'ask' | 'complete' = 'ask';
    withHooks({
      async fillSlots(_ctx, _turn, endpoint): Promise<SlotFillResult> {
        expect(endpoint).toMatchObject({ id: 'ep-1', fields: endpointSummary().fields });
        return answer === 'ask'
          ? {
              status: 'ask',
              question: 'What is your order number?',
              field: 'orderId',
              values: { email: 'a@b.co' },
            }
          : { status: 'complete', values: { orderId: '4521' } };
      },
    });
    const actions = parse([
      { type: 'CALL_API', endpointId: 'ep-1' },
      { type: 'REPLY_TEXT', text: 'Status: {order_status}' },
    ]);
    const effects = fakeEffects({ call: () => okCall({ mapped: { order_status: 'shipped' } }) });
    const turn = turnOf();
    const asked = await runActions(actions, { turn, rule: rule({ type: 'ai' }), effects });
    expect(asked.halted).toBe(true);
    expect(effects.replies).toEqual(['What is your order number?']);
    expect(effects.calls).toEqual([]);
    expect(turn.variables).toMatchObject({ email: 'a@b.co', [PENDING_RULE_VARIABLE]: 'r-1:1:orderId' });

    answer = 'complete';
    const done = await runActions(actions, { turn, rule: rule({ type: 'ai' }), effects });
    expect(done.halted).toBe(false);
    expect(effects.calls[0].variables).toMatchObject({ orderId: '4521', email: 'a@b.co' });
    expect(effects.replies).toEqual(['What is your order number?', 'Status: shipped']);
  });

  it('gives up after three questions in a row for one field, and tells the visitor', async () => {
    withHooks({
      fillSlots: async () => ({ status: 'ask', question: 'Order number?', field: 'orderId', values: {} }),
    });
    const effects = fakeEffects();
    const run = await runActions(parse([{ type: 'CALL_API', endpointId: 'ep-1' }]), {
      turn: turnOf({ pendingQuestions: 3, pendingField: 'orderId' }),
      rule: rule({ type: 'ai' }),
      effects,
    });
    expect(effects.replies).toEqual([
      expect.stringMatching(
        /^Sorry, I still don't have a valid .+, so I'll stop asking for now\. .*ask for a person\.$/,
      ),
    ]);
    expect(run.log[0].skipped).toMatch(/gave up/);

    // Three questions that each filled a field are progress: the next field is asked for.
    const progressing = fakeEffects();
    const turn = turnOf({ pendingQuestions: 3, pendingField: 'email' });
    await runActions(parse([{ type: 'CALL_API', endpointId: 'ep-1' }]), {
      turn,
      rule: rule({ type: 'ai' }),
      effects: progressing,
    });
    expect(progressing.replies).toEqual(['Order number?']);
    expect(turn.variables[PENDING_RULE_VARIABLE]).toBe('r-1:1:orderId');
  });

  it('collects a `{variable}` of the path that is not a declared field as a required string', async () => {
    const undeclared = endpointSummary({
      fields: [],
      pathVariables: ['orderId', 'language', 'region', 'visitor.id', 'match.1'],
    });
    expect(slotFields(undeclared, ['region'])).toEqual([
      { name: 'orderId', type: 'string', required: true, description: '' },
    ]);
    // A declared field keeps its own definition.
    expect(slotFields(endpointSummary(), [])).toEqual(endpointSummary().fields);

    let seen: unknown;
    withHooks({
      async fillSlots(_ctx, _turn, endpoint) {
        seen = endpoint.fields;
        return { status: 'complete', values: { orderId: '4521' } };
      },
    });
    const effects = fakeEffects();
    effects.describeEndpoint = async () => undeclared;
    await runActions(parse([{ type: 'CALL_API', endpointId: 'ep-1', params: { region: 'eu' } }]), {
      turn: turnOf(),
      rule: rule({ type: 'ai' }),
      effects,
    });
    expect(seen).toEqual([{ name: 'orderId', type: 'string', required: true, description: '' }]);
    expect(effects.calls[0].variables).toMatchObject({ orderId: '4521', region: 'eu' });
  });

  it('static rules never slot-fill', async () => {
    withHooks({
      fillSlots: async () => {
        throw new Error('must not be called');
      },
    });
    const effects = fakeEffects();
    await runActions(parse([{ type: 'CALL_API', endpointId: 'ep-1' }]), {
      turn: turnOf(),
      rule: rule(),
      effects,
    });
    expect(effects.calls).toHaveLength(1);
  });
});
