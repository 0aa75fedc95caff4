import { describe, expect, it } from 'vitest';
import { parseJsonPreservingBigInts } from './parse-json-preserving-big-ints.ts';
import { isRawJson } from './raw-json.ts';

describe('parseJsonPreservingBigInts', () => {
  it('keeps every digit of an integer beyond MAX_SAFE_INTEGER, top-level and nested', () => {
    const top = parseJsonPreservingBigInts('12345678901234567890');
    expect(isRawJson(top)).toBe(true);
    expect(JSON.stringify(top)).toBe('12345678901234567890');

    const nested = parseJsonPreservingBigInts(
      '{"order":{"id":12345678901234567890,"ids":[98765432109876543210]}}',
    );
    expect(JSON.stringify(nested)).toBe('{"order":{"id":12345678901234567890,"ids":[98765432109876543210]}}');
  });

  it('leaves ordinary numbers as plain numbers', () => {
    const parsed = parseJsonPreservingBigInts('{"a":120,"b":1.5,"c":-3,"d":9007199254740991}') as Record<
      string,
      unknown
    >;
    expect(parsed).toEqual({ a: 120, b: 1.5, c: -3, d: 9007199254740991 });
  });

  it('keeps the source text of numbers a double would rewrite', () => {
    const parsed = parseJsonPreservingBigInts('[1.50, 1e3, 0.1000000000000000055511151231257827]');
    expect(JSON.stringify(parsed)).toBe('[1.50,1e3,0.1000000000000000055511151231257827]');
  });

  it('throws a SyntaxError on invalid JSON, like JSON.parse', () => {
    expect(() => parseJsonPreservingBigInts('<html>')).toThrow(SyntaxError);
  });
});
