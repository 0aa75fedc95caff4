import { describe, expect, it } from 'vitest';
import { renderBody } from './render-body.ts';

function body(template: string, variables: Record<string, unknown>, required: string[] = []): unknown {
  const result = renderBody(template, { variables, required: new Set(required) });
  if (!result.ok) throw new Error(result.error.message);
  return JSON.parse(result.body);
}

describe('renderBody', () => {
  it('cannot be broken out of from inside a string', () => {
    const attack = '"},"admin":true,"x":{"';
    const rendered = body('{"customer_email": "{email}", "note": "Hi {email}!"}', { email: attack });
    expect(rendered).toEqual({ customer_email: attack, note: `Hi ${attack}!` });
    expect(Object.keys(rendered as object)).toEqual(['customer_email', 'note']);
  });

  it('escapes quotes, backslashes and control characters', () => {
    const value = 'a"b\\c\nd\u0001';
    expect(body('{"v": "x{v}"}', { v: value })).toEqual({ v: `x${value}` });
  });

  it('gives an exact "{name}" value its type; strings stay strings', () => {
    const rendered = body(
      '{"qty": "{qty}", "gift": "{gift}", "meta": "{meta}", "id": "{id}", "tags": "{tags}"}',
      {
        qty: 3,
        gift: false,
        meta: { source: 'chat' },
        id: '0042',
        tags: ['a', 'b'],
      },
    );
    expect(rendered).toEqual({ qty: 3, gift: false, meta: { source: 'chat' }, id: '0042', tags: ['a', 'b'] });
  });

  it('supports placeholders outside strings, converting number-like strings', () => {
    const result = renderBody(
      '{"qty": {qty}, "price": {price}, "paid": {paid}, "name": {name}, "list": [{qty}]}',
      {
        variables: {
          qty: '3',
          price: '12345678901234567890',
          paid: 'true',
          name: 'x", "admin": true, "y": "',
        },
        required: new Set(),
      },
    );
    expect(result).toEqual({
      ok: true,
      body: '{"qty":3,"price":12345678901234567890,"paid":true,"name":"x\\", \\"admin\\": true, \\"y\\": \\"","list":[3]}',
    });
  });

  it('leaves out object members that are exactly an absent optional variable; empty inside text', () => {
    const result = renderBody('{"sku": "{sku}", "qty": "{qty}", "b": {missing}, "c": "x{missing}y"}', {
      variables: { sku: 'A1', qty: null },
      required: new Set(),
    });
    expect(result).toEqual({ ok: true, body: '{"sku":"A1","c":"xy"}' });
    expect(body('{"nested": {"note": "{note}", "keep": 1}, "all": {"x": "{x}"}}', {})).toEqual({
      nested: { keep: 1 },
      all: {},
    });
  });

  it('keeps array positions: an absent optional variable in an array is null', () => {
    expect(body('{"items": ["{a}", {b}, "{c}"]}', { c: 'z' })).toEqual({ items: [null, null, 'z'] });
    expect(body('["{a}"]', {})).toEqual([null]);
  });

  it('keeps members whose variable is given, even when empty, false or 0', () => {
    expect(body('{"s": "{s}", "f": "{f}", "n": {n}}', { s: '', f: false, n: 0 })).toEqual({
      s: '',
      f: false,
      n: 0,
    });
  });

  it('fails on a missing required variable, naming it', () => {
    const result = renderBody('{"email": "{email}"}', {
      variables: { email: '' },
      required: new Set(['email']),
    });
    expect(result).toEqual({
      ok: false,
      error: { variable: 'email', message: 'Missing required variable {email} (used in the body)' },
    });
  });

  it('keeps template literals exact, including big numbers and nested structures', () => {
    const result = renderBody(
      '{"account": 12345678901234567890, "items": [{"sku": "{sku}", "n": 1.50}], "ok": true}',
      {
        variables: { sku: 'A-1' },
        required: new Set(),
      },
    );
    expect(result).toEqual({
      ok: true,
      body: '{"account":12345678901234567890,"items":[{"sku":"A-1","n":1.50}],"ok":true}',
    });
  });

  it('renders placeholders in keys as text and leaves non-placeholder braces alone', () => {
    expect(body('{"{field}": "{{v}}", "raw": "{ not a placeholder }"}', { field: 'name', v: 'x' })).toEqual({
      name: '{x}',
      raw: '{ not a placeholder }',
    });
  });

  it('answers an invalid template with an error, not a throw', () => {
    const result = renderBody('{"a": {x}', { variables: { x: 1 }, required: new Set() });
    expect(result).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('not valid JSON') },
    });
    expect(!result.ok && result.error.message).not.toContain('@@parley-slot');
  });

  it('refuses non-finite numbers and lone surrogates', () => {
    expect(renderBody('{"a": "{x}"}', { variables: { x: Number.NaN }, required: new Set() })).toMatchObject({
      ok: false,
      error: { variable: 'x' },
    });
    expect(renderBody('{"a": "{x}"}', { variables: { x: '\uDC00' }, required: new Set() })).toMatchObject({
      ok: false,
      error: { variable: 'x' },
    });
  });

  it('renders the seed 002 ticket template', () => {
    const template = `{
  "customer_email": "{email}",
  "subject": "{issue_title}",
  "description": "{issue_description}",
  "priority": "normal"
}`;
    expect(
      body(template, { email: 'a@b.co', issue_title: 'Broken', issue_description: 'It "broke"' }),
    ).toEqual({
      customer_email: 'a@b.co',
      subject: 'Broken',
      description: 'It "broke"',
      priority: 'normal',
    });
  });
});
