import { describe, expect, it } from 'vitest';
import { isShortValueFollowUp } from './short-value-follow-up.ts';

const now = new Date(2025, 5, 11, 10, 0, 0);

describe('isShortValueFollowUp', () => {
  it.each([
    'and on 3 December?',
    'on Friday then',
    'what about tomorrow',
    'next week?',
    'how about 2025-12-03',
    'on 3 Dec instead, please',
    'Friday',
    'and for 3?',
    'what about room 5',
  ])('"%s" only gives a new value', (message) => {
    expect(isShortValueFollowUp(message, null, now)).toBe(true);
  });

  it.each([
    // Words of another request around the value: a message of its own.
    'what are you doing on Friday?',
    'I have 2 questions',
    'Do you ship to Germany on Friday or next week?',
    // "now" is no day, and there is no value at all.
    'ok now',
    'then',
    'hello',
    'tell me a joke',
    '',
  ])('"%s" is not a follow-up value', (message) => {
    expect(isShortValueFollowUp(message, null, now)).toBe(false);
  });
});
