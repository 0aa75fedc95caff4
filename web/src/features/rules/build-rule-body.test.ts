import { describe, expect, it } from 'vitest';
import { buildRuleBody, isBranchStatus, type RuleDraft } from './build-rule-body.ts';

const draft = (over: Partial<RuleDraft> = {}): RuleDraft => ({
  name: 'Orders',
  type: 'static',
  enabled: true,
  priority: 10,
  widgetId: null,
  match: 'all',
  conditions: [],
  actions: [],
  stopProcessing: true,
  description: null,
  examples: [],
  ...over,
});

describe('buildRuleBody', () => {
  it('accepts the branch keys the server accepts', () => {
    for (const ok of ['2xx', '3XX', '401', '409', '599', 'error', 'default', ' 404 ']) {
      expect(isBranchStatus(ok)).toBe(true);
    }
    for (const bad of ['', '4o4', '600', '99', '6xx', 'other']) expect(isBranchStatus(bad)).toBe(false);
  });

  it('builds the body with examples split by line', () => {
    const built = buildRuleBody(draft({ type: 'ai', description: 'When asked' }), ' Where is it?\n\nHi ');
    expect(built).toMatchObject({ ok: true, body: { examples: ['Where is it?', 'Hi'], priority: 10 } });
  });

  it('names the fields to fix: a missing endpoint, a bad branch code, a fractional priority', () => {
    const built = buildRuleBody(
      draft({
        priority: 1.5,
        actions: [
          {
            type: 'CALL_API',
            endpointId: '',
            params: {},
            branches: [{ status: '4o4', actions: [{ type: 'REPLY_TEXT', text: 'x' }] }],
          },
        ],
      }),
      '',
    );
    expect(built).toEqual({
      ok: false,
      fields: {
        priority: 'Use a whole number.',
        'actions.0.endpointId': 'Choose an endpoint.',
        'actions.0.branches.0.status': 'Enter a status code from 100 to 599, e.g. 404.',
      },
    });
  });
});
