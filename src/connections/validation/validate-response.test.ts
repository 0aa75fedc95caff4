import { describe, expect, it } from 'vitest';
import { parseJsonPreservingBigInts } from '../mapping/parse-json-preserving-big-ints.ts';
import { validateResponse } from './validate-response.ts';
import type { ValidationType } from './validation.schema.ts';

const body = {
  billing: { email: 'Ann.Smith@Shop.com', name: 'Jürgen Straße', blank: '  ', empty: [], none: null },
  order: { id: 4521, total: 0, paid: false, lines: [{ sku: 'A' }], meta: {} },
};

function run(type: ValidationType, compareWith: string, input: string, variables: Record<string, unknown>) {
  return validateResponse(
    body,
    [{ input, compareWith, type, errorMessage: 'Please verify your details.' }],
    variables,
  );
}

describe('validateResponse', () => {
  it('passes with no validations', () => {
    expect(validateResponse(body, [], {})).toEqual({ passed: true, errors: [] });
  });

  describe('equals', () => {
    it('passes on the same string form', () => {
      expect(run('equals', 'order.id', 'orderId', { orderId: '4521' }).passed).toBe(true);
      expect(run('equals', 'order.id', 'orderId', { orderId: 4521 }).passed).toBe(true);
    });

    it('fails on a different value or different case, with the errorMessage', () => {
      expect(run('equals', 'order.id', 'orderId', { orderId: '4522' })).toEqual({
        passed: false,
        errors: [
          {
            input: 'orderId',
            compareWith: 'order.id',
            type: 'equals',
            message: 'Please verify your details.',
          },
        ],
      });
      expect(run('equals', 'billing.email', 'email', { email: 'ann.smith@shop.com' }).passed).toBe(false);
    });

    it('compares big integers by every digit', () => {
      const parsed = parseJsonPreservingBigInts('{"id":12345678901234567890}');
      const rule = { input: 'id', compareWith: 'id', type: 'equals' as const, errorMessage: 'x' };
      expect(validateResponse(parsed, [rule], { id: '12345678901234567890' }).passed).toBe(true);
      expect(validateResponse(parsed, [rule], { id: '12345678901234567000' }).passed).toBe(false);
    });
  });

  describe('equals_ignore_case', () => {
    it('ignores case and surrounding spaces, Unicode-aware', () => {
      expect(
        run('equals_ignore_case', 'billing.email', 'email', { email: ' ann.smith@SHOP.com ' }).passed,
      ).toBe(true);
      expect(run('equals_ignore_case', 'billing.name', 'name', { name: 'JÜRGEN STRASSE' }).passed).toBe(true);
      // "ü" typed as u + combining diaeresis still matches the precomposed form.
      expect(run('equals_ignore_case', 'billing.name', 'name', { name: 'ju\u0308rgen straße' }).passed).toBe(
        true,
      );
    });

    it('fails on a different value', () => {
      expect(run('equals_ignore_case', 'billing.email', 'email', { email: 'bob@shop.com' }).passed).toBe(
        false,
      );
    });
  });

  describe('contains', () => {
    it('passes when the response value contains the input, case-insensitively', () => {
      expect(run('contains', 'billing.email', 'domain', { domain: 'SHOP.COM' }).passed).toBe(true);
    });

    it('fails when it does not, and for an empty input', () => {
      expect(run('contains', 'billing.email', 'domain', { domain: 'example.org' }).passed).toBe(false);
      expect(run('contains', 'billing.email', 'domain', { domain: '' }).passed).toBe(false);
    });
  });

  describe('not_empty', () => {
    it('passes for present values, including 0, false, non-empty arrays', () => {
      expect(run('not_empty', 'billing.email', '', {}).passed).toBe(true);
      expect(run('not_empty', 'order.total', '', {}).passed).toBe(true);
      expect(run('not_empty', 'order.paid', '', {}).passed).toBe(true);
      expect(run('not_empty', 'order.lines', '', {}).passed).toBe(true);
    });

    it.each(['billing.blank', 'billing.empty', 'billing.none', 'order.meta', 'billing.absent'])(
      'fails for %s',
      (path) => {
        expect(run('not_empty', path, '', {}).passed).toBe(false);
      },
    );
  });

  it('fails closed on a missing input variable or a missing response path', () => {
    expect(run('equals_ignore_case', 'billing.email', 'email', {}).passed).toBe(false);
    expect(run('equals_ignore_case', 'billing.email', 'email', { email: null }).passed).toBe(false);
    expect(run('equals', 'billing.phone', 'phone', { phone: '' }).passed).toBe(false);
    expect(run('equals', 'billing.blank', 'x', { x: '  ' }).passed).toBe(false);
  });

  it('reports every failing validation and not the passing ones', () => {
    const result = validateResponse(
      body,
      [
        {
          input: 'email',
          compareWith: 'billing.email',
          type: 'equals_ignore_case',
          errorMessage: 'Email mismatch',
        },
        { input: '', compareWith: 'order.lines', type: 'not_empty', errorMessage: 'No lines' },
        { input: 'orderId', compareWith: 'order.id', type: 'equals', errorMessage: 'Order mismatch' },
      ],
      { email: 'eve@evil.example', orderId: '4521' },
    );
    expect(result.passed).toBe(false);
    expect(result.errors.map((error) => error.message)).toEqual(['Email mismatch']);
  });
});
