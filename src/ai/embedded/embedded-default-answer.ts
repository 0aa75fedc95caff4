import { visitorPhrasing } from './rule-utterances.ts';
import { smallTalkOf } from './small-talk.ts';

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

/** Replies to small talk: a greeting is answered with what the assistant can do, thanks and goodbyes politely. */
export const GREETING_REPLY_NO_TOPICS = 'Hello! Thanks for getting in touch.';
export const THANKS_REPLY = "You're welcome! Is there anything else I can help with?";
export const THANKS_REPLY_NO_TOPICS = "You're welcome!";
export const GOODBYE_REPLY = 'Thanks for chatting with us. Goodbye!';

/**
 * The embedded provider's answer when no rule matched: it cannot write free text, so it says what
 * it can help with, taken from the tenant's AI rules ("I can help with: your order status or
 * delivery; room availability."), or hands over to an operator when the tenant chose that —
 * `handover: true` is the only answer that mentions a person. Small talk gets a polite answer
 * instead; thanks and goodbyes never hand over (nobody needs a person to read "thanks!"), and a
 * greeting does only when the assistant has no topics to offer.
 */
export function embeddedDefaultAnswer(
  aiRules: ReadonlyArray<{ name: string; description: string | null }>,
  handoverToOperator: boolean,
  message: string,
): { text: string; handover: boolean } {
  const topics = [
    ...new Set(aiRules.map((rule) => topicOf(rule.description || rule.name)).filter((topic) => topic !== '')),
  ].slice(0, 6);
  const smallTalk = smallTalkOf(message);
  if (smallTalk === 'goodbye') return { text: GOODBYE_REPLY, handover: false };
  if (smallTalk === 'thanks') {
    return { text: topics.length > 0 ? THANKS_REPLY : THANKS_REPLY_NO_TOPICS, handover: false };
  }
  const offer = `I can help with: ${topics.join('; ')}. What would you like to know?`;
  if (smallTalk === 'greeting' && topics.length > 0) return { text: `Hello! ${offer}`, handover: false };
  if (handoverToOperator) return { text: HANDOVER_REPLY, handover: true };
  if (smallTalk === 'greeting') return { text: GREETING_REPLY_NO_TOPICS, handover: false };
  if (topics.length === 0) return { text: NO_TOPICS_REPLY, handover: false };
  return { text: `Sorry, I'm not sure I understood. ${offer}`, handover: false };
}
