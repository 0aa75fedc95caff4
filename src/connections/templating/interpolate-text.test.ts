import { describe, expect, it } from 'vitest';
import { interpolateText } from './interpolate-text.ts';

describe('interpolateText', () => {
  it('fills reply text', () => {
    expect(
      interpolateText('The current price is {current_price} {price_currency}.', {
        current_price: '120',
        price_currency: 'EUR',
      }),
    ).toEqual({ text: 'The current price is 120 EUR.', unknown: [] });
  });

  it('renders unknown variables as empty and lists each once', () => {
    expect(interpolateText('{a} and {b} and {a} and {c}', { c: null, b: 0 })).toEqual({
      text: ' and 0 and  and ',
      unknown: ['a', 'c'],
    });
  });

  it('does not read inherited properties and leaves other braces alone', () => {
    expect(interpolateText('{constructor} {"x": 1}', {})).toEqual({
      text: ' {"x": 1}',
      unknown: ['constructor'],
    });
  });

  it('renders objects as JSON text', () => {
    expect(interpolateText('{o}', { o: { a: [1, true] } }).text).toBe('{"a":[1,true]}');
  });
});
