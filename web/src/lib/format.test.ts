import { describe, expect, it } from 'vitest';
import { callErrorText } from './format.ts';

describe('callErrorText', () => {
  it('drops a code the message repeats', () => {
    expect(callErrorText('BLOCKED: blocked: 10.0.0.5 is private')).toBe('blocked: 10.0.0.5 is private');
    expect(callErrorText('TOO_LARGE: too large: over 1 MB')).toBe('too large: over 1 MB');
  });

  it('keeps a code that adds something', () => {
    expect(callErrorText('TIMEOUT: no answer within 10000 ms')).toBe('TIMEOUT: no answer within 10000 ms');
    expect(callErrorText('HTTP 500')).toBe('HTTP 500');
  });
});
