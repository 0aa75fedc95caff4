/**
 * The embedded AI without HTTP, for `npm run bench` (and anyone measuring it): train the intent
 * model for N rules, classify a message, fill slots from a message.
 *
 * @example
 * const model = await trainEmbeddedModel(syntheticAiRules(100));
 * await model.match('Where is my order #4521?');
 * fillSlotsOnce('Where is my order #4521? jo@shop.io', orderFields);
 */
import type {
  AiRuleCandidate,
  AiRuleDecision,
  EndpointFieldInfo,
  SlotFillResult,
} from '../rules/ai-hooks.ts';
import { fixtureRules } from './embedded/intent-fixtures.ts';
import { createIntentRegistry } from './embedded/intent-registry.ts';
import { matchRulesEmbedded } from './embedded/match-rules-embedded.ts';
import { inlineTrainer } from './embedded/model-trainer.ts';
import { fillSlotsEmbedded } from './slots/fill-slots-embedded.ts';

const topics = [
  'order',
  'delivery',
  'refund',
  'invoice',
  'room',
  'booking',
  'table',
  'ticket',
  'password',
  'subscription',
  'warranty',
  'repair',
  'appointment',
  'parcel',
  'voucher',
  'insurance',
  'loan',
  'card',
  'flight',
  'seat',
  'menu',
  'allergy',
  'parking',
  'wifi',
  'pet',
  'gift',
  'size',
  'colour',
  'stock',
  'address',
];
const verbs = ['check', 'change', 'cancel', 'track', 'extend', 'report', 'book', 'pay', 'update', 'find'];

/** N distinct AI rules (descriptions and examples) built from a small vocabulary; the first six are realistic. */
export function syntheticAiRules(count: number): AiRuleCandidate[] {
  const rules: AiRuleCandidate[] = fixtureRules.slice(0, Math.min(count, fixtureRules.length));
  for (let i = rules.length; i < count; i++) {
    const topic = topics[i % topics.length];
    const other = topics[(i * 7 + 3) % topics.length];
    const verb = verbs[Math.floor(i / topics.length) % verbs.length];
    rules.push({
      id: `rule-${i}`,
      name: `${verb} ${topic} ${i}`,
      description: `When the visitor wants to ${verb} their ${topic} or ${other} (case ${i})`,
      examples: [`I want to ${verb} my ${topic}`, `can you ${verb} the ${topic} for ${other}`],
    });
  }
  return rules;
}

export interface TrainedEmbeddedModel {
  trainMs: number;
  /** Every rule's decision for the message, as matchAiRules returns them. */
  match(message: string): Promise<AiRuleDecision[]>;
}

/** Trains on the calling thread (the app trains on a worker) and returns a matcher. */
export async function trainEmbeddedModel(rules: readonly AiRuleCandidate[]): Promise<TrainedEmbeddedModel> {
  const registry = createIntentRegistry(inlineTrainer);
  const started = performance.now();
  const intents = registry.intentsFor('bench', rules);
  await registry.whenReady('bench');
  const trainMs = performance.now() - started;
  return { trainMs, match: (message) => matchRulesEmbedded(intents, message, rules) };
}

/** The seed-002 order endpoint's fields. */
export const orderFields: EndpointFieldInfo[] = [
  { name: 'orderId', type: 'string', required: true, description: 'Order number', pattern: '^[0-9]{3,10}$' },
  { name: 'email', type: 'email', required: true, description: 'Email used for the order' },
];

/** One slot-filling pass over a message, as fillSlots does it for the embedded provider. */
export function fillSlotsOnce(
  message: string,
  fields: readonly EndpointFieldInfo[] = orderFields,
  variables: Record<string, string> = {},
): SlotFillResult {
  return fillSlotsEmbedded({ message, fields, variables });
}
