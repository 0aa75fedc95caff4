import { performance } from 'node:perf_hooks';
import type { MessageFacts } from '../../src/rules/index.ts';
import {
  type CompiledRule,
  compareRules,
  compileRule,
  evaluateRules,
  ruleInputSchema,
} from '../../src/rules/index.ts';
import { summarize } from '../lib/stats.ts';
import type { Scenario } from './scenario.ts';

/** A tenant's realistic static rules: mostly regexes on words, some variable checks, none matching. */
function makeRules(count: number): CompiledRule[] {
  const rules = Array.from({ length: count }, (_, i) => {
    const input = ruleInputSchema.parse({
      name: `Rule ${i}`,
      type: 'static',
      priority: i,
      match: i % 3 === 0 ? 'any' : 'all',
      conditions:
        i % 4 === 3
          ? [{ type: 'VARIABLE_EQUALS', name: `flag_${i}`, value: 'yes' }]
          : [
              {
                type: 'MESSAGE_MATCHES_REGEX',
                pattern: `\\b(topic${i}|subject${i}|(re)?fund ${i})\\b`,
                flags: 'i',
              },
            ],
      actions: [{ type: 'REPLY_TEXT', text: `Answer ${i}` }],
    });
    return compileRule({
      ...input,
      id: `r${i}`,
      createdAt: new Date(i).toISOString(),
      updatedAt: '',
    } as never);
  });
  return rules.sort(compareRules);
}

const facts: MessageFacts = {
  message: 'Hello, I would like to know where my order #4521 is and when it will arrive at my home address.',
  variables: { tier: 'gold', email: 'jane@example.com' },
  language: 'en',
  firstMessage: false,
  status: 'open',
};

function timeEvaluation(rules: CompiledRule[], iterations: number): number[] {
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    evaluateRules(rules, facts);
    samples.push(performance.now() - t0);
  }
  return samples;
}

export const rules: Scenario = {
  name: 'rules',
  description: 'Evaluating one message against 1,000 enabled static rules vs against one rule',
  async run() {
    const thousand = makeRules(1000);
    const one = makeRules(1);
    timeEvaluation(thousand, 50);
    timeEvaluation(one, 500);
    const many = summarize(timeEvaluation(thousand, 500));
    const single = summarize(timeEvaluation(one, 5000));
    return [
      {
        scenario: 'rules',
        metric: '1,000 rules per message, median',
        value: many.median,
        baseline: single.median,
        baselineLabel: 'one rule',
        ratio: many.median / single.median,
        unit: 'ms',
        note: `p99 ${many.p99.toFixed(3)} ms (one rule p99 ${single.p99.toFixed(4)} ms)`,
      },
    ];
  },
};
