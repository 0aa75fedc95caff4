import { describe, expect, it } from 'vitest';
import { compareRules, compileRule } from './compile-rule.ts';
import type { MessageFacts } from './conditions/condition.ts';
import { evaluateRules } from './evaluate-rules.ts';
import { type Rule, ruleInputSchema } from './rule.schema.ts';

let clock = 0;
function rule(body: Record<string, unknown>): Rule {
  const parsed = ruleInputSchema.parse({ name: 'r', actions: [], ...body });
  const at = new Date(Date.UTC(2026, 0, 1, 0, 0, clock++)).toISOString().replace('Z', '+00:00');
  return { id: `rule-${clock}`, ...parsed, createdAt: at, updatedAt: at };
}

const facts = (message: string, over: Partial<MessageFacts> = {}): MessageFacts => ({
  message,
  variables: {},
  language: 'en',
  firstMessage: false,
  status: 'open',
  ...over,
});

const contains = (value: string) => ({ type: 'MESSAGE_CONTAINS', value });

describe('evaluateRules', () => {
  it('runs in ascending priority, oldest first on ties, and stops at the first matching stopProcessing rule', () => {
    const late = rule({ name: 'late', priority: 50, conditions: [contains('order')] });
    const stopper = rule({
      name: 'stopper',
      priority: 10,
      conditions: [contains('order')],
      stopProcessing: true,
    });
    const first = rule({ name: 'first', priority: 10, conditions: [contains('order')] });
    const earliest = rule({ name: 'earliest', priority: 1, conditions: [contains('nothing-here')] });
    // `first` is newer than `stopper` but sorted by (priority, createdAt): stopper (older) comes first.
    const sorted = [late, stopper, first, earliest].sort(compareRules).map(compileRule);
    expect(sorted.map((r) => r.name)).toEqual(['earliest', 'stopper', 'first', 'late']);
    const result = evaluateRules(sorted, facts('my order please'));
    expect(result.matches.map((m) => [m.name, m.matched])).toEqual([
      ['earliest', false],
      ['stopper', true],
    ]);
    expect(result.matched.map((m) => m.name)).toEqual(['stopper']);
  });

  it('without stopProcessing every matching rule is listed, in order', () => {
    const rules = [
      rule({ name: 'a', conditions: [contains('x')] }),
      rule({ name: 'b' }),
      rule({ name: 'c', conditions: [contains('y')] }),
    ]
      .sort(compareRules)
      .map(compileRule);
    const result = evaluateRules(rules, facts('x marks the spot'));
    expect(result.matched.map((m) => m.name)).toEqual(['a', 'b']);
    expect(result.matches.find((m) => m.name === 'b')?.reason).toContain('no conditions');
  });

  it('match "all" needs every condition (the failing one is the reason); "any" needs one', () => {
    const all = compileRule(rule({ conditions: [contains('order'), { type: 'FIRST_MESSAGE' }] }));
    const any = compileRule(
      rule({ match: 'any', conditions: [{ type: 'FIRST_MESSAGE' }, contains('order')] }),
    );
    const [allResult] = evaluateRules([all], facts('order?')).matches;
    expect(allResult.matched).toBe(false);
    expect(allResult.reason).toContain('FIRST_MESSAGE');
    const [anyResult] = evaluateRules([any], facts('order?')).matches;
    expect(anyResult.matched).toBe(true);
    expect(anyResult.reason).toContain('MESSAGE_CONTAINS');
    expect(evaluateRules([any], facts('hello')).matches[0].reason).toMatch(
      /no condition matched: FIRST_MESSAGE.*; MESSAGE_CONTAINS/,
    );
    expect(evaluateRules([all], facts('order?', { firstMessage: true })).matches[0].reason).toMatch(
      /MESSAGE_CONTAINS.*; FIRST_MESSAGE/,
    );
  });

  it('skips disabled rules and compiles a stored version only once', () => {
    const stored = rule({ enabled: false });
    expect(evaluateRules([compileRule(stored)], facts('x')).matches).toEqual([]);
    expect(compileRule(stored)).toBe(compileRule(stored));
    expect(compileRule({ ...stored, updatedAt: '2030-01-01T00:00:00.000+00:00' })).not.toBe(
      compileRule(stored),
    );
  });

  it('matches AI rules only through the AI decisions, and still applies their conditions', () => {
    const ai = compileRule(rule({ type: 'ai', description: 'Order questions' }));
    const guarded = compileRule(
      rule({
        type: 'ai',
        description: 'Order questions',
        conditions: [{ type: 'VARIABLE_IS_SET', name: 'email' }],
      }),
    );
    expect(evaluateRules([ai], facts('where is my order')).matches[0]).toMatchObject({
      matched: false,
      reason: expect.stringContaining('AI'),
    });
    const decisions = new Map([
      [ai.id, { ruleId: ai.id, matched: true, score: 0.91, reason: 'order status intent' }],
      [guarded.id, { ruleId: guarded.id, matched: true, score: 0.9, reason: 'order status intent' }],
    ]);
    const result = evaluateRules([ai, guarded], facts('where is my order'), decisions);
    expect(result.matches[0]).toMatchObject({ matched: true, reason: expect.stringContaining('score 0.91') });
    expect(result.matches[1]).toMatchObject({
      matched: false,
      reason: expect.stringContaining('VARIABLE_IS_SET'),
    });
  });

  it('evaluates 1,000 rules against one message without I/O (the benchmark path)', () => {
    const many = Array.from({ length: 1000 }, (_, i) =>
      rule({
        priority: i,
        conditions: [{ type: 'MESSAGE_MATCHES_REGEX', pattern: `\\bsku-${i}\\b`, flags: 'i' }],
      }),
    ).map(compileRule);
    const result = evaluateRules(many, facts('price of SKU-999?'));
    expect(result.matches).toHaveLength(1000);
    expect(result.matched).toHaveLength(1);
    expect(result.matched[0].captures['match.0']).toBe('SKU-999');
  });
});
