import type { NameLookup } from '../rules/describe-action.ts';

/** The default-answer part of a rule log entry (src/rules/rule-logs.ts). */
export interface DefaultAnswerLog {
  defaultAnswer?: 'ai' | 'none' | 'ai-declined';
  /** Why the AI stayed quiet although no rule replied: people took the conversation over. */
  defaultAnswerSkipped?: string;
  /** The AI's answer handed the conversation to a person: who, or null when nobody was available. */
  defaultAnswerHandover?: { operatorId: string | null };
}

const sentence = (text: string) => {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
};

/**
 * What happened after the rules, in words: the AI answered, stayed quiet and why, or is off. The
 * server logs `defaultAnswer: "none"` both when the widget's AI is off and when it skipped the
 * answer, so the skip reason decides. Empty when the rules answered themselves.
 */
export function describeDefaultAnswer(entry: DefaultAnswerLog, operatorName?: NameLookup): string[] {
  const lines: string[] = [];
  if (entry.defaultAnswerSkipped) {
    lines.push(`No rule replied; the AI stayed quiet because ${sentence(entry.defaultAnswerSkipped)}`);
  } else if (entry.defaultAnswer === 'ai') {
    lines.push('No rule replied: the AI answered.');
  } else if (entry.defaultAnswer === 'ai-declined') {
    lines.push('No rule replied; the AI did not answer (see the errors below).');
  } else if (entry.defaultAnswer === 'none') {
    lines.push("No rule replied and this widget's AI is off: no automatic reply.");
  }
  const handover = entry.defaultAnswerHandover;
  if (handover) {
    const id = handover.operatorId;
    const name = id ? operatorName?.(id) : undefined;
    lines.push(
      !id
        ? 'The AI handed the conversation over, but no operator was available: it waits unassigned (pending).'
        : `The AI handed the conversation to ${name ?? (name === null ? 'an operator who was since removed' : 'an operator')}.`,
    );
  }
  return lines;
}
