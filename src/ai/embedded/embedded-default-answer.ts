import { visitorPhrasing } from './rule-utterances.ts';

/** Only with `handoverToOperator`, and the conversation really is handed over (see AiReplyResult.handover). */
export const HANDOVER_REPLY =
  'Let me pass you to a member of our team. They will reply here as soon as possible.';
/**
 * No AI rules and no hand-over: nobody was asked to answer, so the reply promises no one will (an
 * operator may still pick the open conversation up in the inbox).
 */
export const NO_TOPICS_REPLY =
  "Thanks for your message. I'm an automated assistant and can't answer that myself, sorry.";

/** "my order status or delivery" → "your order status or delivery". */
function topicOf(description: string): string {
  return visitorPhrasing(description)
    .replace(/\bmy\b/gi, 'your')
    .replace(/\bI\b/g, 'you')
    .replace(/\bme\b/gi, 'you');
}

/**
 * The embedded provider's answer when no rule matched: it cannot write free text, so it says what
 * it can help with, taken from the tenant's AI rules ("I can help with: your order status or
 * delivery; room availability."), or hands over to an operator when the tenant chose that —
 * `handover: true` is the only answer that mentions a person.
 */
export function embeddedDefaultAnswer(
  aiRules: ReadonlyArray<{ name: string; description: string | null }>,
  handoverToOperator: boolean,
): { text: string; handover: boolean } {
  if (handoverToOperator) return { text: HANDOVER_REPLY, handover: true };
  const topics = [
    ...new Set(aiRules.map((rule) => topicOf(rule.description || rule.name)).filter((topic) => topic !== '')),
  ].slice(0, 6);
  if (topics.length === 0) return { text: NO_TOPICS_REPLY, handover: false };
  return {
    text: `Sorry, I'm not sure I understood. I can help with: ${topics.join('; ')}. What would you like to know?`,
    handover: false,
  };
}
