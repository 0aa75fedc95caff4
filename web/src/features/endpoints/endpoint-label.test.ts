import { describe, expect, it } from 'vitest';
import { describeAction, lookupNames } from '../rules/describe-action.ts';
import { endpointName, endpointOptionLabel } from './endpoint-label.ts';
import type { Endpoint } from './endpoint-types.ts';

const orderStatus = (id: string, connectionId: string) =>
  ({ id, connectionId, name: 'Order status', method: 'GET', path: '/orders/{orderId}' }) as Endpoint;
const connections = [
  { id: 'c-shop', name: 'Shop API' },
  { id: 'c-erp', name: 'ERP' },
];

describe('endpoint labels', () => {
  it('tells endpoints of the same name on different connections apart', () => {
    expect(endpointOptionLabel(orderStatus('e-1', 'c-shop'), connections)).toBe(
      'Shop API › Order status (GET /orders/{orderId})',
    );
    expect(endpointOptionLabel(orderStatus('e-2', 'c-erp'), connections)).toBe(
      'ERP › Order status (GET /orders/{orderId})',
    );
    // Connections not loaded: the name alone.
    expect(endpointName(orderStatus('e-1', 'c-shop'))).toBe('Order status');
  });

  it("names the connection in a rule's action description", () => {
    const endpoints = [orderStatus('e-1', 'c-shop'), orderStatus('e-2', 'c-erp')];
    const names = lookupNames(endpoints.map((e) => ({ id: e.id, name: endpointName(e, connections) })));
    expect(describeAction({ type: 'CALL_API', endpointId: 'e-2' }, { endpoint: names })).toBe(
      'Call ERP › Order status',
    );
  });
});
