import { describe, expect, it } from 'vitest';
import { coerceVariables } from './coerce-variables.ts';

const fields = [
  {
    name: 'orderId',
    type: 'string' as const,
    required: true,
    description: 'Order number',
    pattern: '^[0-9]{3,10}$',
  },
  { name: 'email', type: 'email' as const, required: true, description: 'Email used for the order' },
  { name: 'qty', type: 'integer' as const },
  { name: 'gift', type: 'boolean' as const },
];

describe('coerceVariables', () => {
  it('returns typed values for given fields and leaves absent optional ones out', () => {
    const result = coerceVariables(fields, {
      orderId: ' 4521 ',
      email: 'ann@shop.com',
      qty: '3',
      other: 'kept by caller',
    });
    expect(result).toEqual({ values: { orderId: '4521', email: 'ann@shop.com', qty: 3 }, errors: [] });
  });

  it('marks missing required fields and invalid values separately', () => {
    const result = coerceVariables(fields, { orderId: 'abc', qty: '2.5', gift: null });
    expect(result.values).toEqual({});
    expect(result.errors).toEqual([
      { field: 'orderId', reason: "That doesn't look like a valid order number.", missing: false },
      { field: 'email', reason: 'Email used for the order is required.', missing: true },
      { field: 'qty', reason: 'Please enter a whole number, like 42.', missing: false },
    ]);
  });

  it('does not read inherited properties as variables', () => {
    const result = coerceVariables([{ name: 'constructor', type: 'string', required: true }], {});
    expect(result.errors).toEqual([
      { field: 'constructor', reason: 'Constructor is required.', missing: true },
    ]);
  });
});
