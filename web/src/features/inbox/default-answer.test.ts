import { describe, expect, it } from 'vitest';
import { lookupNames } from '../rules/describe-action.ts';
import { describeDefaultAnswer } from './default-answer.ts';

describe('describeDefaultAnswer', () => {
  it('gives the reason the AI stayed quiet instead of saying AI is off', () => {
    expect(
      describeDefaultAnswer({
        defaultAnswer: 'none',
        defaultAnswerSkipped: 'an operator wrote the latest reply',
      }),
    ).toEqual(['No rule replied; the AI stayed quiet because an operator wrote the latest reply.']);
  });

  it('says AI is off only when it is', () => {
    expect(describeDefaultAnswer({ defaultAnswer: 'none' })).toEqual([
      "No rule replied and this widget's AI is off: no automatic reply.",
    ]);
    expect(describeDefaultAnswer({ defaultAnswer: 'ai' })).toEqual(['No rule replied: the AI answered.']);
    expect(describeDefaultAnswer({})).toEqual([]);
  });

  it('names the operator the AI handed over to, or says nobody was available', () => {
    const operators = lookupNames([{ id: 'o-1', name: 'Alex Agent' }]);
    expect(
      describeDefaultAnswer({ defaultAnswer: 'ai', defaultAnswerHandover: { operatorId: 'o-1' } }, operators),
    ).toEqual(['No rule replied: the AI answered.', 'The AI handed the conversation to Alex Agent.']);
    expect(
      describeDefaultAnswer({ defaultAnswer: 'ai', defaultAnswerHandover: { operatorId: null } })[1],
    ).toBe(
      'The AI handed the conversation over, but no operator was available: it waits unassigned (pending).',
    );
  });
});
