import { describe, expect, it } from 'vitest';
import type { Endpoint } from '../endpoints/endpoint-types.ts';
import type { Action, Condition } from './rule-types.ts';
import { type RuleShape, regexCaptures, unsuppliedInputs, variablesInScope } from './rule-variables.ts';

const endpoint = (id: string, patch: Partial<Endpoint>): Endpoint => ({
  id,
  connectionId: 'c-1',
  name: id,
  method: 'GET',
  path: '/',
  queryParams: {},
  headers: {},
  bodyTemplate: null,
  responseMapping: [],
  description: '',
  fields: [],
  validations: [],
  timeoutMs: 5000,
  aiCallable: true,
  createdAt: '',
  updatedAt: '',
  ...patch,
});

const orderStatus = endpoint('order', {
  path: '/orders/{orderId}',
  fields: [
    { name: 'orderId', type: 'string', required: true, description: '' },
    { name: 'email', type: 'email', required: true, description: '' },
  ],
  responseMapping: [{ from: 'data.status', to: 'order_status' }],
});
const customer = endpoint('customer', { responseMapping: [{ from: 'tier', to: 'tier' }] });
const endpoints = [orderStatus, customer];

const regex = (pattern: string): Condition => ({ type: 'MESSAGE_MATCHES_REGEX', pattern, flags: 'i' });
const call = (endpointId: string, extra: Partial<Action> = {}): Action => ({
  type: 'CALL_API',
  endpointId,
  params: {},
  branches: [],
  ...extra,
});
const reply: Action = { type: 'REPLY_TEXT', text: '' };
const rule = (patch: Partial<RuleShape>): RuleShape => ({
  type: 'static',
  conditions: [],
  actions: [],
  ...patch,
});

describe('regexCaptures', () => {
  it('numbers capturing groups and names named ones', () => {
    expect(regexCaptures('order #?(\\d+)')).toEqual(['match.1']);
    expect(regexCaptures('(?P<order>\\d+) for (\\w+@\\w+)')).toEqual(['match.1', 'match.2', 'match.order']);
    expect(regexCaptures('(?<sku>[A-Z]+)')).toEqual(['match.1', 'match.sku']);
  });

  it('skips non-capturing groups, escaped parentheses and parentheses in classes', () => {
    expect(regexCaptures('(?:price|cost)\\(x\\)[()](\\d)')).toEqual(['match.1']);
    expect(regexCaptures('[^]()]+')).toEqual([]);
    expect(regexCaptures('(?i)hello')).toEqual([]);
  });
});

describe('variablesInScope', () => {
  it("offers a static rule's earlier mapped outputs and SET_VARIABLEs, never the endpoint's fields", () => {
    const r = rule({
      actions: [
        call('order', { params: { orderId: '{match.1}', email: 'x' } }),
        { type: 'SET_VARIABLE', name: 'topic', value: 'orders' },
        reply,
      ],
    });
    expect(variablesInScope(r, 'actions.2', endpoints).variables).toEqual(['order_status', 'topic']);
    // Before the call nothing is mapped yet.
    expect(variablesInScope(r, 'actions.0', endpoints).variables).toEqual([]);
    expect(variablesInScope(r, 'actions.1', endpoints).variables).toEqual(['order_status']);
  });

  it('offers an AI rule the fields it collects (and path variables no field declares)', () => {
    const undeclared = endpoint('booking', { path: '/rooms/{roomId}/{language}' });
    const r = rule({ type: 'ai', actions: [call('order'), call('booking'), reply] });
    expect(variablesInScope(r, 'actions.2', [...endpoints, undeclared]).variables).toEqual([
      'email',
      'orderId',
      'order_status',
      'roomId',
    ]);
  });

  it('inside a branch: the mapped outputs only where the call may have succeeded', () => {
    const r = rule({
      actions: [
        call('customer'),
        call('order', {
          branches: [
            { status: '404', actions: [reply] },
            { status: '2xx', actions: [{ type: 'SET_VARIABLE', name: 'found', value: 'yes' }, reply] },
          ],
        }),
      ],
    });
    expect(variablesInScope(r, 'actions.1.branches.0.actions.0', endpoints).variables).toEqual(['tier']);
    expect(variablesInScope(r, 'actions.1.branches.1.actions.1', endpoints).variables).toEqual([
      'found',
      'order_status',
      'tier',
    ]);
  });

  it('offers {match.N} only when the rule has a regex condition', () => {
    const r = rule({ actions: [reply] });
    expect(variablesInScope(r, 'actions.0', endpoints).captures).toEqual([]);
    const withRegex = rule({ conditions: [regex('order #?(\\d+)')], actions: [reply] });
    expect(variablesInScope(withRegex, 'actions.0', endpoints).captures).toEqual(['match.1']);
  });
});

describe('unsuppliedInputs', () => {
  it('names required fields nobody gives: not in params, not set before', () => {
    expect(unsuppliedInputs(call('order'), orderStatus, [])).toEqual(['orderId', 'email']);
    expect(unsuppliedInputs(call('order', { params: { orderId: '{match.1}' } }), orderStatus, [])).toEqual([
      'email',
    ]);
    expect(
      unsuppliedInputs(call('order', { params: { orderId: '{match.1}', email: ' ' } }), orderStatus, [
        'email',
      ]),
    ).toEqual([]);
  });

  it('names path variables no field declares, but not built-ins or dotted names', () => {
    const e = endpoint('p', { path: '/products/{productId}/{language}/{visitor.email}' });
    expect(unsuppliedInputs(call('p'), e, [])).toEqual(['productId']);
    expect(unsuppliedInputs(call('p', { params: { productId: '42' } }), e, [])).toEqual([]);
  });
});
