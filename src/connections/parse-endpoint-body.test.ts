import { describe, expect, it } from 'vitest';
import { parseResponseBody } from './mapping/parse-response-body.ts';
import { parseEndpointBody } from './parse-endpoint-body.ts';

describe('parseEndpointBody', () => {
  it.each([
    '{"a": 1, "b": [1, 2.5, -3], "c": {"d": "x: 1.50"}}',
    '{"id": 12345678901234567890, "x": 1}',
    '[1.50, 1e3, -0, 0.1, 100]',
    '{"price": 9.99, "n": 1.0}',
    '{"deep": [[[12345678901234567]]]}',
    '{"s": "a,1.50", "t": 2}',
    '\uFEFF{"bom": 1}',
    '42',
    '"text"',
    '{"broken": ',
    '',
    '<html>',
  ])('matches the exact parser on %j', (text) => {
    const fast = parseEndpointBody(Buffer.from(text), 'application/json');
    const exact = parseResponseBody(Buffer.from(text), 'application/json');
    expect(JSON.stringify(fast)).toBe(JSON.stringify(exact));
  });
});
