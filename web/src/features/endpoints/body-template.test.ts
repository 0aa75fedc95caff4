import { describe, expect, it } from 'vitest';
import { checkBodyTemplate, placeholdersIn } from './body-template.ts';

describe('body template check (client side)', () => {
  it('accepts JSON with placeholders in strings and as bare values', () => {
    expect(checkBodyTemplate('')).toBeNull();
    expect(checkBodyTemplate('{"guest": "{name}", "note": "Hi {name}!"}')).toBeNull();
    expect(checkBodyTemplate('{"qty": {qty}, "ids": [{a}, {b}]}')).toBeNull();
    expect(checkBodyTemplate('{"quote": "say \\"{x}\\""}')).toBeNull();
  });

  it('rejects what is not JSON once filled in', () => {
    expect(checkBodyTemplate('{"a": }')).toMatch(/Not valid JSON/);
    expect(checkBodyTemplate('{guest: "{name}"}')).toMatch(/Not valid JSON/);
    expect(checkBodyTemplate('{"a": 1,}')).toMatch(/Not valid JSON/);
  });

  it('lists the variables used across templates', () => {
    expect(placeholdersIn('/orders/{orderId}', '{"email": "{email}", "again": "{orderId}"}', null)).toEqual([
      'orderId',
      'email',
    ]);
    expect(placeholdersIn('{ not a var }', '{1}')).toEqual([]);
  });
});
