import { describe, expect, it } from 'vitest';
import { findPlaceholders, soleVariable, splitTemplate } from './find-placeholders.ts';

describe('findPlaceholders', () => {
  it('finds distinct names in order, including dotted and dashed ones', () => {
    expect(findPlaceholders('/orders/{orderId}/{visitor.email}/{match.1}/{order-no}/{orderId}')).toEqual([
      'orderId',
      'visitor.email',
      'match.1',
      'order-no',
    ]);
  });

  it('ignores braces that are not placeholders', () => {
    expect(findPlaceholders('{"a": {"b": 1}, "c": "{ x }", "d": "{1x}", "e": "{}"}')).toEqual([]);
    expect(findPlaceholders('{{name}}')).toEqual(['name']);
  });
});

describe('splitTemplate and soleVariable', () => {
  it('splits text and variables', () => {
    expect(splitTemplate('Hi {name}!')).toEqual([{ text: 'Hi ' }, { variable: 'name' }, { text: '!' }]);
    expect(splitTemplate('')).toEqual([]);
  });

  it('detects a template that is one placeholder', () => {
    expect(soleVariable('{qty}')).toBe('qty');
    expect(soleVariable(' {qty}')).toBeUndefined();
    expect(soleVariable('{a}{b}')).toBeUndefined();
  });
});
