import { fillSlotsOnce, syntheticAiRules, trainEmbeddedModel } from '../../src/ai/bench-support.ts';
import { round, summarize } from '../lib/stats.ts';
import type { Scenario } from './scenario.ts';

const MESSAGES = [
  'Where is my order #4521?',
  'is there a room free next weekend',
  'I want to cancel my subscription',
  'hello there',
];

async function timePerCall(n: number, fn: (i: number) => unknown): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await fn(i);
    samples.push(performance.now() - started);
  }
  return summarize(samples).median;
}

/**
 * The embedded AI per message: intent matching with a trained model for 100 rules, and slot
 * filling, each beside a baseline measured in the same run (one regex test per rule; one regex
 * extraction of the order number and email).
 */
export const aiEmbedded: Scenario = {
  name: 'ai-embedded',
  description: 'Embedded AI: train 100 intents, match a message, fill slots (vs plain regexes)',
  async run() {
    const rules = syntheticAiRules(100);
    const model = await trainEmbeddedModel(rules);
    const regexes = rules.map((rule) => new RegExp(`\\b(${rule.name.split(' ').join('|')})\\b`, 'i'));
    const match = await timePerCall(200, (i) => model.match(MESSAGES[i % MESSAGES.length]));
    const regexMatch = await timePerCall(200, (i) =>
      regexes.filter((re) => re.test(MESSAGES[i % MESSAGES.length])),
    );
    const slots = await timePerCall(500, () =>
      fillSlotsOnce('Where is my order #4521? my email is jo@shop.io'),
    );
    const regexSlots = await timePerCall(500, () => {
      const text = 'Where is my order #4521? my email is jo@shop.io';
      return [/#?(\d{3,10})/.exec(text)?.[1], /\S+@\S+\.\w+/.exec(text)?.[0]];
    });
    return [
      {
        scenario: 'ai-embedded',
        metric: 'train 100 AI rules',
        value: round(model.trainMs),
        unit: 'ms',
        note: 'on a worker thread in the app',
      },
      {
        scenario: 'ai-embedded',
        metric: 'match a message against 100 AI rules (median)',
        value: round(match, 3),
        baseline: round(regexMatch, 3),
        baselineLabel: '100 regex tests',
        ratio: round(match / regexMatch),
        unit: 'ms',
      },
      {
        scenario: 'ai-embedded',
        metric: 'slot filling, order number + email (median)',
        value: round(slots, 3),
        baseline: round(regexSlots, 3),
        baselineLabel: 'two regex extractions',
        ratio: round(slots / regexSlots),
        unit: 'ms',
      },
    ];
  },
};
