import { describe, expect, it } from 'vitest';
import { checkFieldValue, fieldLabel, validPhrase } from './check-field-value.ts';
import type { FieldType } from './field.schema.ts';

const field = (type: FieldType, extra: Record<string, unknown> = {}) => ({ name: 'value', type, ...extra });
const ok = (value: unknown) => ({ ok: true, value });

describe('checkFieldValue', () => {
  it('string: trims and stringifies scalars, refuses objects', () => {
    expect(checkFieldValue(field('string'), '  hello ')).toEqual(ok('hello'));
    expect(checkFieldValue(field('string'), 4521)).toEqual(ok('4521'));
    expect(checkFieldValue(field('string'), { a: 1 })).toMatchObject({ ok: false });
  });

  it('number: accepts numbers and numeric text', () => {
    expect(checkFieldValue(field('number'), '3.5')).toEqual(ok(3.5));
    expect(checkFieldValue(field('number'), -2)).toEqual(ok(-2));
    expect(checkFieldValue(field('number'), '1e3')).toEqual(ok(1000));
    for (const bad of ['abc', '1,5', '12abc', Number.NaN, Number.POSITIVE_INFINITY, true]) {
      expect(checkFieldValue(field('number'), bad)).toEqual({
        ok: false,
        reason: 'Please enter a number, like 42 or 3.5.',
      });
    }
  });

  it('integer: whole numbers only, within the safe range', () => {
    expect(checkFieldValue(field('integer'), '42')).toEqual(ok(42));
    expect(checkFieldValue(field('integer'), 7)).toEqual(ok(7));
    expect(checkFieldValue(field('integer'), '4.5')).toEqual({
      ok: false,
      reason: 'Please enter a whole number, like 42.',
    });
    expect(checkFieldValue(field('integer'), '12345678901234567890')).toEqual({
      ok: false,
      reason: 'That number is too large.',
    });
  });

  it('boolean: true/false and yes/no in any case', () => {
    for (const yes of [true, 'true', 'YES', 'y', '1', 1])
      expect(checkFieldValue(field('boolean'), yes)).toEqual(ok(true));
    for (const no of [false, 'false', 'No', 'n', '0', 0])
      expect(checkFieldValue(field('boolean'), no)).toEqual(ok(false));
    expect(checkFieldValue(field('boolean'), 'maybe')).toEqual({
      ok: false,
      reason: 'Please answer yes or no.',
    });
  });

  it('email: practical addresses pass, malformed ones get a visitor-facing reason', () => {
    for (const good of ['ann@shop.com', ' Ann.Smith+orders@mail.shop.co.uk ', 'jürgen@exämple.de']) {
      expect(checkFieldValue(field('email'), good)).toEqual(ok(good.trim()));
    }
    for (const bad of [
      'ann',
      'ann@',
      '@shop.com',
      'ann@shop',
      'ann@@shop.com',
      'a b@shop.com',
      '.ann@shop.com',
      'an..n@shop.com',
      'ann@-shop.com',
    ]) {
      expect(checkFieldValue(field('email'), bad)).toEqual({
        ok: false,
        reason: "That doesn't look like a valid email address.",
      });
    }
  });

  it('date: ISO dates and parseable dates become YYYY-MM-DD', () => {
    expect(checkFieldValue(field('date'), '2025-03-31')).toEqual(ok('2025-03-31'));
    expect(checkFieldValue(field('date'), '2025-03-31T23:30:00-05:00')).toEqual(ok('2025-03-31'));
    expect(checkFieldValue(field('date'), 'March 5, 2025')).toEqual(ok('2025-03-05'));
    expect(checkFieldValue(field('date'), '31.03.2025')).toEqual(ok('2025-03-31'));
    expect(checkFieldValue(field('date'), '31/03/2025')).toEqual(ok('2025-03-31'));
    expect(checkFieldValue(field('date'), '03/31/2025')).toEqual(ok('2025-03-31'));
    expect(checkFieldValue(field('date'), new Date(2025, 2, 31, 12))).toEqual(ok('2025-03-31'));
  });

  it('date: refuses impossible, ambiguous and year-less dates', () => {
    for (const bad of [
      '2025-02-30',
      '2025-13-01',
      '04/05/2025',
      'May 5',
      '1',
      'tomorrow-ish',
      '2025-03-31Tnope',
    ]) {
      expect(checkFieldValue(field('date'), bad)).toMatchObject({
        ok: false,
        reason: expect.stringContaining('date'),
      });
    }
  });

  it('enum: case-insensitive match returns the canonical value', () => {
    const size = field('enum', { enum: ['Small', 'Medium', 'Large'] });
    expect(checkFieldValue(size, ' medium ')).toEqual(ok('Medium'));
    expect(checkFieldValue(size, 'LARGE')).toEqual(ok('Large'));
    expect(checkFieldValue(size, 'huge')).toEqual({
      ok: false,
      reason: 'Please choose one of: Small, Medium, Large.',
    });
  });

  it('pattern: full-match semantics on the value text', () => {
    const orderId = {
      name: 'orderId',
      type: 'string' as const,
      description: 'Order number',
      pattern: '[0-9]{3,10}',
    };
    expect(checkFieldValue(orderId, '4521')).toEqual(ok('4521'));
    expect(checkFieldValue(orderId, '4521x')).toEqual({
      ok: false,
      reason: "That doesn't look like a valid order number.",
    });
    expect(checkFieldValue(orderId, 'x4521')).toMatchObject({ ok: false });
    const anchored = { ...orderId, pattern: '^[0-9]{3,10}$' };
    expect(checkFieldValue(anchored, '12')).toMatchObject({ ok: false });
    expect(checkFieldValue({ ...anchored, type: 'integer' as const }, 4521)).toEqual(ok(4521));
  });

  it('pattern: a catastrophic-backtracking pattern still answers at once', () => {
    const evil = { name: 'x', type: 'string' as const, pattern: '(a+)+$' };
    const started = performance.now();
    expect(checkFieldValue(evil, `${'a'.repeat(5000)}!`)).toMatchObject({ ok: false });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('missing values are "required" with the field label', () => {
    expect(checkFieldValue({ name: 'orderId', type: 'string', description: 'Order number' }, '  ')).toEqual({
      ok: false,
      reason: 'Order number is required.',
    });
    expect(checkFieldValue(field('number'), undefined)).toEqual({ ok: false, reason: 'Value is required.' });
  });
});

describe('fieldLabel', () => {
  it('uses a short description, else the humanised name', () => {
    expect(fieldLabel({ name: 'orderId', description: 'Order number.' })).toBe('Order number');
    expect(fieldLabel({ name: 'orderId' })).toBe('Order id');
    expect(fieldLabel({ name: 'check_in-date', description: 'x'.repeat(80) })).toBe('Check in date');
  });
});

describe('validPhrase', () => {
  it('reads after "a valid …": no leading "your"/"the", lower-cased unless an acronym', () => {
    expect(validPhrase('Your order number')).toBe('order number');
    expect(validPhrase('The booking reference')).toBe('booking reference');
    expect(validPhrase('VAT id')).toBe('VAT id');
    expect(
      checkFieldValue(
        { name: 'orderId', type: 'string', description: 'Your order number', pattern: '^[0-9]+$' },
        'abc',
      ),
    ).toMatchObject({ ok: false, reason: "That doesn't look like a valid order number." });
  });
});
