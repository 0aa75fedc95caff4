import { describe, expect, it } from 'vitest';
import { conditionsForType, newCondition } from './rule-types.ts';

describe('conditions when the rule type changes', () => {
  it('an AI rule starts without the blank regex a new static rule has (conditions are optional there)', () => {
    expect(conditionsForType('ai', [newCondition('MESSAGE_MATCHES_REGEX')])).toEqual([]);
    const filled = { type: 'MESSAGE_CONTAINS' as const, value: 'refund', caseSensitive: false };
    expect(
      conditionsForType('ai', [filled, newCondition('VARIABLE_IS_SET'), newCondition('FIRST_MESSAGE')]),
    ).toEqual([filled, newCondition('FIRST_MESSAGE')]);
  });

  it('a static rule without conditions gets a regex to fill in (it would match every message)', () => {
    expect(conditionsForType('static', [])).toEqual([newCondition('MESSAGE_MATCHES_REGEX')]);
    const kept = [newCondition('FIRST_MESSAGE')];
    expect(conditionsForType('static', kept)).toEqual(kept);
  });
});
