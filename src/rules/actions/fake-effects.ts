// Test support (not collected as tests): recording ActionEffects and a turn to run actions against.
import type { AppContext } from '../../context.ts';
import type { ActionEffects, EndpointCallOutcome, EndpointSummary, RuleTurn } from './action.ts';

export interface FakeEffects extends ActionEffects {
  replies: string[];
  notes: string[];
  saved: Array<Record<string, string | null>>;
  calls: Array<{ endpointId: string; variables: Record<string, string> }>;
  statuses: string[];
  assigned: Array<string | null>;
}

export const okCall = (over: Partial<EndpointCallOutcome> = {}): EndpointCallOutcome => ({
  ok: true,
  status: 200,
  mapped: {},
  validation: { passed: true, errors: [] },
  preview: false,
  ...over,
});

export const failedCall = (
  status: number | null,
  over: Partial<EndpointCallOutcome> = {},
): EndpointCallOutcome => ({
  ok: false,
  status,
  mapped: {},
  validation: { passed: true, errors: [] },
  error: {
    code: status === null ? 'TIMEOUT' : 'HTTP_ERROR',
    message: `upstream ${status ?? 'timeout'}`,
    publicMessage: 'unavailable',
  },
  preview: false,
  ...over,
});

export const endpointSummary = (over: Partial<EndpointSummary> = {}): EndpointSummary => ({
  id: 'ep-1',
  name: 'Order status',
  description: 'Returns the status of one order',
  fields: [{ name: 'orderId', type: 'string', required: true, description: 'Order number' }],
  pathVariables: ['orderId'],
  mappedVariables: ['order_status'],
  ...over,
});

export function fakeEffects(
  options: {
    call?: (endpointId: string, variables: Record<string, string>) => EndpointCallOutcome;
    live?: boolean;
    operator?: string | null;
  } = {},
): FakeEffects {
  const effects: FakeEffects = {
    ctx: {} as AppContext,
    live: options.live ?? true,
    replies: [],
    notes: [],
    saved: [],
    calls: [],
    statuses: [],
    assigned: [],
    async reply(text) {
      effects.replies.push(text);
    },
    async note(text) {
      effects.notes.push(text);
    },
    async saveVariables(values) {
      effects.saved.push(values);
    },
    async callEndpoint(endpointId, variables) {
      effects.calls.push({ endpointId, variables });
      return (options.call ?? (() => okCall()))(endpointId, variables);
    },
    describeEndpoint: async (endpointId) =>
      endpointId === 'missing' ? null : endpointSummary({ id: endpointId }),
    async assignOperator(operatorId) {
      effects.assigned.push(operatorId);
      const chosen = operatorId ?? options.operator ?? null;
      return chosen ? { operatorId: chosen } : { operatorId: null, error: 'No operator is available' };
    },
    async setStatus(status) {
      effects.statuses.push(status);
    },
    fallbackReply: async (detailsMessage) => detailsMessage ?? 'Sorry, try again later.',
  };
  return effects;
}

export const turnOf = (over: Partial<RuleTurn> = {}): RuleTurn => ({
  tenantId: 't-1',
  conversationId: 'c-1',
  widgetId: 'w-1',
  message: 'Where is order #4521?',
  language: 'en',
  status: 'open',
  firstMessage: false,
  variables: {},
  history: [],
  ...over,
});
