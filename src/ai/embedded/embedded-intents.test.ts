import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  fixtureRules,
  heldOutParaphrases,
  shippingRule,
  untunedParaphrases,
  valueSwapCases,
} from './intent-fixtures.ts';
import { createIntentRegistry, rulesFingerprint } from './intent-registry.ts';
import { matchRulesEmbedded } from './match-rules-embedded.ts';
import { createWorkerTrainer } from './model-trainer.ts';
import { visitorPhrasing } from './rule-utterances.ts';

const trainer = createWorkerTrainer();
afterAll(() => trainer.close());

async function accuracy(
  registry: ReturnType<typeof createIntentRegistry>,
  tenantId: string,
  set = heldOutParaphrases,
  rules = fixtureRules,
) {
  const intents = registry.intentsFor(tenantId, rules);
  let correct = 0;
  const misses: string[] = [];
  for (const { message, expected } of set) {
    const decisions = await matchRulesEmbedded(intents, message, rules);
    const matched = decisions.find((d) => d.matched)?.ruleId ?? null;
    if (matched === expected) correct++;
    else misses.push(`${message} → ${matched} (expected ${expected})`);
  }
  return { rate: correct / set.length, misses };
}

describe('embedded intent matching', () => {
  it('rewrites rule descriptions in the visitor’s words', () => {
    expect(visitorPhrasing('When the visitor asks about their order status or delivery')).toBe(
      'my order status or delivery',
    );
    expect(visitorPhrasing('When visitor asks about room availability')).toBe('room availability');
    expect(visitorPhrasing('Refund requests')).toBe('Refund requests');
  });

  it('classifies held-out paraphrases with the trained model (≥ 90%) and leaves off-topic lines unmatched', async () => {
    const registry = createIntentRegistry(trainer);
    registry.intentsFor('t1', fixtureRules);
    await registry.whenReady('t1');
    expect(registry.intentsFor('t1', fixtureRules).model).toBeDefined();
    const { rate, misses } = await accuracy(registry, 't1');
    console.info(
      `embedded intent accuracy (trained model): ${(rate * 100).toFixed(1)}% of ${heldOutParaphrases.length}`,
      misses,
    );
    expect(rate).toBeGreaterThanOrEqual(0.9);
    const untuned = await accuracy(registry, 't1', untunedParaphrases);
    console.info(
      `embedded intent accuracy on the untuned set: ${(untuned.rate * 100).toFixed(1)}% of ${untunedParaphrases.length}`,
      untuned.misses,
    );
    expect(untuned.rate).toBeGreaterThanOrEqual(0.8);
  });

  it('falls back to keyword overlap until the model is trained (≥ 75%)', async () => {
    const registry = createIntentRegistry({ train: () => new Promise(() => {}), close: async () => {} });
    const intents = registry.intentsFor('t1', fixtureRules);
    expect(intents.model).toBeUndefined();
    const { rate, misses } = await accuracy(registry, 't1');
    console.info(`embedded intent accuracy (keyword fallback): ${(rate * 100).toFixed(1)}%`, misses);
    expect(rate).toBeGreaterThanOrEqual(0.75);
    const decisions = await matchRulesEmbedded(intents, 'Where is my order #4521?', fixtureRules);
    expect(decisions).toHaveLength(fixtureRules.length);
    expect(decisions.find((d) => d.matched)).toMatchObject({ ruleId: 'order-status' });
    expect(decisions.find((d) => d.ruleId === 'billing')?.reason).toMatch(/no words in common/);
  });

  it('a lone everyday word (ship, order) does not match when the message is about something else', async () => {
    const orderOnly = fixtureRules.filter((rule) => rule.id === 'order-status');
    const registry = createIntentRegistry(trainer);
    for (const rules of [fixtureRules, orderOnly]) {
      const tenantId = `t-${rules.length}`;
      const training = registry.intentsFor(tenantId, rules);
      await registry.whenReady(tenantId);
      const trained = registry.intentsFor(tenantId, rules);
      for (const intents of [training, trained]) {
        for (const message of [
          'Do you ship to Germany?',
          'I ordered pizza, lol',
          'I love your order of service',
          'I ordered 12 pizzas',
          'I ordered pizza, my email is john@example.com',
          'Do you ship to Germany? My email is john@example.com',
        ]) {
          const decisions = await matchRulesEmbedded(intents, message, rules);
          expect(
            decisions.find((d) => d.matched),
            `${message} (${rules.length} rules)`,
          ).toBeUndefined();
        }
        expect((await matchRulesEmbedded(intents, 'I ordered pizza, lol', rules))[0].reason).toContain(
          'only the everyday word order in common, and the message is about something else (pizza)',
        );
        for (const message of [
          'Where is my order #4521?',
          'Where is my order #4521? john@example.com',
          'my order still has not come',
          'track my order',
          'has order 1234 been delivered?',
          // The details a request carries and the way visitors chase one are no other topic.
          'Where is my order 4521? My email is john@example.com',
          "I'm still waiting for order #4521",
          "Where's my stuff? Order 4521",
          "Where's my order?",
          "I'm still waiting for my order since last week",
        ]) {
          const decisions = await matchRulesEmbedded(intents, message, rules);
          expect(decisions.find((d) => d.matched)?.ruleId, `${message} (${rules.length} rules)`).toBe(
            'order-status',
          );
        }
      }
    }
  });

  it('a rule’s own example with another value in it matches (trained model and keyword fallback)', async () => {
    const rules = [...fixtureRules, shippingRule];
    const trained = createIntentRegistry(trainer);
    trained.intentsFor('t-swap', rules);
    await trained.whenReady('t-swap');
    const training = createIntentRegistry({ train: () => new Promise(() => {}), close: async () => {} });
    for (const [registry, label] of [
      [trained, 'trained model'],
      [training, 'keyword fallback'],
    ] as const) {
      const { rate, misses } = await accuracy(registry, 't-swap', valueSwapCases, rules);
      console.info(
        `embedded intent accuracy on value swaps (${label}): ${(rate * 100).toFixed(1)}% of ${valueSwapCases.length}`,
        misses,
      );
      expect(rate).toBeGreaterThanOrEqual(0.9);
      const intents = registry.intentsFor('t-swap', rules);
      for (const message of ['Do you ship to Germany?', 'Do you ship to Poland?']) {
        const matched = (await matchRulesEmbedded(intents, message, rules)).find((d) => d.matched);
        expect(matched?.ruleId, `${message} (${label})`).toBe('shipping');
        expect(matched?.reason).toContain('worded like the example "Do you ship to Austria?", with');
      }
    }
  });

  it('retrains only when the rules change (fingerprint)', async () => {
    let trainings = 0;
    const counting = {
      train: (rules: Parameters<typeof trainer.train>[0]) => {
        trainings++;
        return trainer.train(rules);
      },
      close: async () => {},
    };
    const registry = createIntentRegistry(counting);
    const first = registry.intentsFor('t1', fixtureRules);
    expect(registry.intentsFor('t1', [...fixtureRules].reverse())).toBe(first);
    expect(trainings).toBe(1);
    const changed = fixtureRules.map((r) =>
      r.id === 'pricing' ? { ...r, examples: [...r.examples, 'how expensive is it'] } : r,
    );
    expect(rulesFingerprint(changed)).not.toBe(rulesFingerprint(fixtureRules));
    const second = registry.intentsFor('t1', changed);
    expect(second).not.toBe(first);
    expect(second.model).toBeUndefined();
    expect(trainings).toBe(2);
    await registry.whenReady('t1');
    expect(second.model).toBeDefined();
    // Going back to the first rule set (another widget's, say) reuses its model: no retraining.
    expect(registry.intentsFor('t1', fixtureRules)).toBe(first);
    expect(trainings).toBe(2);
    const decisions = await matchRulesEmbedded(second, 'how expensive is the premium version', changed);
    expect(decisions.find((d) => d.matched)?.ruleId).toBe('pricing');
  });
});

describe('training worker', () => {
  it('moves training to the main thread when the worker fails, finishing the jobs it held', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-worker-'));
    const entry = path.join(dir, 'broken-worker.mjs');
    fs.writeFileSync(entry, "throw new Error('this worker cannot start');\n");
    const fragile = createWorkerTrainer(pathToFileURL(entry));
    try {
      const model = await fragile.train([{ id: 'r1', utterances: ['where is my order'] }]);
      expect(model).toContain('r1');
      // Later jobs go straight to the main thread.
      await expect(fragile.train([{ id: 'r2', utterances: ['book a room'] }])).resolves.toContain('r2');
    } finally {
      await fragile.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
