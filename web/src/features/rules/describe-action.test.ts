import { describe, expect, it } from 'vitest';
import { describeAction, lookupNames } from './describe-action.ts';

describe('describeAction', () => {
  const endpoints = lookupNames([{ id: 'e-1', name: 'Order status' }]);
  const operators = lookupNames([{ id: 'o-1', name: 'Alex Agent' }]);

  it('names the endpoint and operator instead of showing ids', () => {
    expect(
      describeAction({ type: 'CALL_API', endpointId: 'e-1', status: 200 }, { endpoint: endpoints }),
    ).toBe('Call Order status → HTTP 200');
    expect(describeAction({ type: 'ASSIGN_TO_OPERATOR', operatorId: 'o-1' }, { operator: operators })).toBe(
      'Assign to Alex Agent',
    );
  });

  it('says when the endpoint or operator no longer exists', () => {
    expect(describeAction({ type: 'CALL_API', endpointId: 'gone' }, { endpoint: endpoints })).toBe(
      'Call a deleted endpoint',
    );
    expect(describeAction({ type: 'ASSIGN_TO_OPERATOR', operatorId: 'gone' }, { operator: operators })).toBe(
      'Assign to a deleted operator',
    );
  });

  it('stays readable when the lists are not available', () => {
    const unknown = lookupNames(undefined);
    expect(describeAction({ type: 'CALL_API', endpointId: 'e-1' }, { endpoint: unknown })).toBe(
      'Call an API endpoint',
    );
    expect(describeAction({ type: 'ASSIGN_TO_OPERATOR', operatorId: 'o-1' })).toBe('Assign to an operator');
    // Only the first page of a longer list: an id not in it may still exist.
    const firstPage = lookupNames([{ id: 'e-1', name: 'Order status' }], 250);
    expect(describeAction({ type: 'CALL_API', endpointId: 'e-9' }, { endpoint: firstPage })).toBe(
      'Call an API endpoint',
    );
    expect(describeAction({ type: 'ASSIGN_TO_OPERATOR', operatorId: null })).toBe(
      'Assign to any available operator',
    );
  });

  it('lists the variables a failed call cleared', () => {
    expect(
      describeAction({
        type: 'CALL_API',
        endpointName: 'Order status',
        status: 404,
        cleared: ['order_status', 'eta'],
      }),
    ).toBe('Call Order status → HTTP 404 cleared order_status, eta');
  });

  it('shows the question an AI rule asks before it can call the endpoint', () => {
    expect(
      describeAction(
        {
          type: 'CALL_API',
          endpointId: 'e-1',
          askedFor: 'orderId',
          question: 'What is your order number?',
        },
        { endpoint: endpoints },
      ),
    ).toBe('Call Order status — first asks the visitor “What is your order number?” (for orderId)');
  });
});
