import { describe, expect, it } from 'vitest';
import { compileCondition } from './compile-condition.ts';
import { type ConditionInput, conditionSchema, conditionTypes } from './condition.schema.ts';
import type { MessageFacts } from './condition.ts';

const facts = (over: Partial<MessageFacts> = {}): MessageFacts => ({
  message: 'Where is my order #4521?',
  variables: { tier: 'gold', empty: '' },
  language: 'en-US',
  firstMessage: true,
  status: 'open',
  ...over,
});

const check = (condition: ConditionInput, over: Partial<MessageFacts> = {}) =>
  compileCondition(conditionSchema.parse(condition))(facts(over));

/** One matching and one non-matching case per condition type: the shared contract every condition meets. */
const contract: Record<
  (typeof conditionTypes)[number],
  { condition: ConditionInput; match: Partial<MessageFacts>; miss: Partial<MessageFacts> }
> = {
  MESSAGE_MATCHES_REGEX: {
    condition: { type: 'MESSAGE_MATCHES_REGEX', pattern: 'order' },
    match: {},
    miss: { message: 'hello' },
  },
  MESSAGE_CONTAINS: {
    condition: { type: 'MESSAGE_CONTAINS', value: 'ORDER' },
    match: {},
    miss: { message: 'hello' },
  },
  VARIABLE_EQUALS: {
    condition: { type: 'VARIABLE_EQUALS', name: 'tier', value: 'gold' },
    match: {},
    miss: { variables: { tier: 'silver' } },
  },
  VARIABLE_IS_SET: {
    condition: { type: 'VARIABLE_IS_SET', name: 'tier' },
    match: {},
    miss: { variables: {} },
  },
  VARIABLE_NOT_SET: {
    condition: { type: 'VARIABLE_NOT_SET', name: 'tier' },
    match: { variables: {} },
    miss: {},
  },
  LANGUAGE_IS: { condition: { type: 'LANGUAGE_IS', language: 'en' }, match: {}, miss: { language: 'de' } },
  FIRST_MESSAGE: { condition: { type: 'FIRST_MESSAGE' }, match: {}, miss: { firstMessage: false } },
  CONVERSATION_STATUS: {
    condition: { type: 'CONVERSATION_STATUS', status: 'open' },
    match: {},
    miss: { status: 'closed' },
  },
};

describe('conditions: shared contract', () => {
  it('covers every condition type', () => {
    expect(Object.keys(contract).sort()).toEqual([...conditionTypes].sort());
  });
  for (const [type, { condition, match, miss }] of Object.entries(contract)) {
    it(`${type} says whether it matched and why`, () => {
      const yes = check(condition, match);
      const no = check(condition, miss);
      expect(yes.matched).toBe(true);
      expect(no.matched).toBe(false);
      expect(yes.reason).toContain(type);
      expect(no.reason).toContain(type);
      expect(yes.reason).not.toBe(no.reason);
    });
  }
});

describe('MESSAGE_MATCHES_REGEX', () => {
  it('reads /pattern/flags as delimiters and flags; other slashes stay part of the pattern', () => {
    const parse = (pattern: string, flags?: string) =>
      conditionSchema.parse({ type: 'MESSAGE_MATCHES_REGEX', pattern, ...(flags ? { flags } : {}) });
    expect(parse('/\\b(price|cost)\\b/gi')).toMatchObject({ pattern: '\\b(price|cost)\\b', flags: 'i' });
    expect(parse('/order/ms', 'i')).toMatchObject({ pattern: 'order', flags: 'ims' });
    expect(parse('a/b')).toMatchObject({ pattern: 'a/b', flags: '' });
    expect(parse('/path/x')).toMatchObject({ pattern: '/path/x', flags: '' });
    expect(parse('//')).toMatchObject({ pattern: '//', flags: '' });
  });

  it('exposes numbered and named groups as match.N and match.name and quotes the matched text', () => {
    const result = check({ type: 'MESSAGE_MATCHES_REGEX', pattern: 'order #?(?P<orderId>\\d+)' });
    expect(result.captures).toEqual({ 'match.0': 'order #4521', 'match.1': '4521', 'match.orderId': '4521' });
    expect(result.reason).toContain('"order #4521"');
    const jsStyle = check({ type: 'MESSAGE_MATCHES_REGEX', pattern: '#(?<id>\\d+)' });
    expect(jsStyle.captures?.['match.id']).toBe('4521');
  });

  it('honours the i, m and s flags', () => {
    expect(check({ type: 'MESSAGE_MATCHES_REGEX', pattern: 'WHERE' }).matched).toBe(false);
    expect(check({ type: 'MESSAGE_MATCHES_REGEX', pattern: 'WHERE', flags: 'i' }).matched).toBe(true);
    expect(check({ type: 'MESSAGE_MATCHES_REGEX', pattern: '^b$' }, { message: 'a\nb' }).matched).toBe(false);
    expect(
      check({ type: 'MESSAGE_MATCHES_REGEX', pattern: '^b$', flags: 'm' }, { message: 'a\nb' }).matched,
    ).toBe(true);
    expect(check({ type: 'MESSAGE_MATCHES_REGEX', pattern: 'a.b' }, { message: 'a\nb' }).matched).toBe(false);
    expect(
      check({ type: 'MESSAGE_MATCHES_REGEX', pattern: 'a.b', flags: 's' }, { message: 'a\nb' }).matched,
    ).toBe(true);
  });

  it('matches the seed pricing pattern on word boundaries only', () => {
    const pricing = {
      type: 'MESSAGE_MATCHES_REGEX' as const,
      pattern: '\\b(price|cost|how much)\\b',
      flags: 'i',
    };
    expect(check(pricing, { message: 'What is the PRICE of the blue one?' }).matched).toBe(true);
    expect(check(pricing, { message: 'How much is it' }).captures?.['match.1']).toBe('How much');
    expect(check(pricing, { message: 'priceless advice' }).matched).toBe(false);
  });

  it('answers a catastrophic-backtracking pattern at once with a non-match (linear-time engine)', () => {
    const result = check(
      { type: 'MESSAGE_MATCHES_REGEX', pattern: '(a+)+$' },
      { message: `${'a'.repeat(50)}!` },
    );
    expect(result.matched).toBe(false);
    const huge = check(
      { type: 'MESSAGE_MATCHES_REGEX', pattern: '(x+x+)+y' },
      { message: 'x'.repeat(10_000) },
    );
    expect(huge.matched).toBe(false);
  });

  it('rejects invalid patterns and flags on write, naming the problem', () => {
    const bad = (condition: Record<string, unknown>) => {
      const result = conditionSchema.safeParse({ type: 'MESSAGE_MATCHES_REGEX', ...condition });
      expect(result.success).toBe(false);
      return result.error?.issues.map((issue) => issue.message).join(' | ') ?? '';
    };
    expect(bad({ pattern: '(a' })).toMatch(/Invalid regular expression \/\(a\/: .*missing closing \)/);
    expect(bad({ pattern: 'a(?=b)' })).toMatch(/Invalid regular expression.*\(\?=/);
    expect(bad({ pattern: '(a)\\1' })).toMatch(/Invalid regular expression/);
    expect(bad({ pattern: 'a', flags: 'g' })).toMatch(/flags may only be i, m and s/);
    expect(bad({ pattern: 'a', flags: 'ii' })).toMatch(/repeated/);
    expect(bad({ pattern: '' })).toBeTruthy();
  });
});

describe('other conditions', () => {
  it('MESSAGE_CONTAINS ignores case unless caseSensitive', () => {
    expect(check({ type: 'MESSAGE_CONTAINS', value: 'ORDER', caseSensitive: true }).matched).toBe(false);
    expect(check({ type: 'MESSAGE_CONTAINS', value: 'order', caseSensitive: true }).matched).toBe(true);
  });

  it('VARIABLE_EQUALS compares text, accepting numbers and booleans in the rule', () => {
    expect(check({ type: 'VARIABLE_EQUALS', name: 'n', value: 42 }, { variables: { n: '42' } }).matched).toBe(
      true,
    );
    expect(
      check({ type: 'VARIABLE_EQUALS', name: 'ok', value: true }, { variables: { ok: 'true' } }).matched,
    ).toBe(true);
    const missing = check({ type: 'VARIABLE_EQUALS', name: 'nope', value: 'x' });
    expect(missing).toMatchObject({ matched: false });
    expect(missing.reason).toContain('not set');
    expect(check({ type: 'VARIABLE_EQUALS', name: 'constructor', value: 'x' }).matched).toBe(false);
  });

  it('VARIABLE_IS_SET and VARIABLE_NOT_SET treat an empty value as not set', () => {
    expect(check({ type: 'VARIABLE_IS_SET', name: 'empty' }).matched).toBe(false);
    expect(check({ type: 'VARIABLE_NOT_SET', name: 'empty' }).matched).toBe(true);
    expect(check({ type: 'VARIABLE_IS_SET', name: 'toString' }).matched).toBe(false);
  });

  it('LANGUAGE_IS matches a language prefix, case-insensitively, and not an unknown language', () => {
    expect(check({ type: 'LANGUAGE_IS', language: 'EN' }).matched).toBe(true);
    expect(check({ type: 'LANGUAGE_IS', language: 'en-GB' }).matched).toBe(false);
    expect(check({ type: 'LANGUAGE_IS', language: 'en' }, { language: 'eng' }).matched).toBe(false);
    const unknown = check({ type: 'LANGUAGE_IS', language: 'en' }, { language: null });
    expect(unknown.matched).toBe(false);
    expect(unknown.reason).toContain('unknown');
  });

  it('rejects unknown condition types and bad fields with a message naming them', () => {
    const unknown = conditionSchema.safeParse({ type: 'MESSAGE_STARTS_WITH', value: 'x' });
    expect(unknown.error?.issues[0].message).toMatch(
      /Unknown condition type "MESSAGE_STARTS_WITH"; expected one of MESSAGE_MATCHES_REGEX/,
    );
    expect(conditionSchema.safeParse({ value: 'x' }).error?.issues[0].message).toMatch(/needs a "type"/);
    expect(conditionSchema.safeParse({ type: 'CONVERSATION_STATUS', status: 'archived' }).success).toBe(
      false,
    );
    expect(conditionSchema.safeParse({ type: 'VARIABLE_IS_SET', name: 'has space' }).success).toBe(false);
  });
});

describe('translated messages', () => {
  it('MESSAGE_MATCHES_REGEX and MESSAGE_CONTAINS also look at the translation, and say so', () => {
    const german = { message: 'Wie viel kostet das?', translatedMessage: 'How much does it cost?' };
    const regex = check({ type: 'MESSAGE_MATCHES_REGEX', pattern: '\\b(cost|price)\\b' }, german);
    expect(regex).toMatchObject({ matched: true, captures: { 'match.1': 'cost' } });
    expect(regex.reason).toContain('(in the translation)');
    expect(check({ type: 'MESSAGE_CONTAINS', value: 'kostet' }, german).reason).not.toContain('translation');
    expect(check({ type: 'MESSAGE_CONTAINS', value: 'how much' }, german).reason).toContain(
      '(in the translation)',
    );
    expect(check({ type: 'MESSAGE_CONTAINS', value: 'nothing' }, german).matched).toBe(false);
  });
});
