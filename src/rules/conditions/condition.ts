/**
 * What a condition sees of one visitor message. Everything is already loaded, so a condition
 * is a pure, synchronous function: 1,000 rules can be checked per message without I/O.
 */
export interface MessageFacts {
  message: string;
  /** The message translated for the tenant (translation-enabled widgets); text conditions also try it. */
  translatedMessage?: string | null;
  /** Session variables of the conversation (string values), as they are at this point of evaluation. */
  variables: Readonly<Record<string, string>>;
  /** The message's detected language (ISO 639-1 such as "en", or a tag such as "en-US"); null = unknown. */
  language: string | null;
  /** True for the visitor's first message in the conversation. */
  firstMessage: boolean;
  status: string;
}

export interface ConditionResult {
  matched: boolean;
  /** Which condition decided, and on what text: shown in the rule log and by POST /rules/test. */
  reason: string;
  /** Capture groups of a matching MESSAGE_MATCHES_REGEX, keyed `match.0`, `match.1`, `match.name`. */
  captures?: Record<string, string>;
}

/** A condition after its one-time preparation (e.g. the regex compiled). */
export type CompiledCondition = (facts: MessageFacts) => ConditionResult;

/** The texts a message condition looks at: the visitor's words, then their translation if any. */
export function messageTexts(facts: MessageFacts): Array<{ text: string; where: string }> {
  const texts = [{ text: facts.message, where: '' }];
  if (facts.translatedMessage && facts.translatedMessage !== facts.message) {
    texts.push({ text: facts.translatedMessage, where: ' (in the translation)' });
  }
  return texts;
}

/** Keeps quoted visitor text in reasons short: reasons land in logs and API responses. */
export function quote(text: string, max = 80): string {
  const shown = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(shown);
}
