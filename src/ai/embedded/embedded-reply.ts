import { findPlaceholders, interpolateText } from '../../connections/templating/index.ts';
import { modelVisibleVariables } from '../visible-variables.ts';
import { readableLabel } from './readable-label.ts';

export const NOTHING_FOUND = "Sorry, I couldn't find that information right now.";

export interface EmbeddedReply {
  /** What the visitor reads. */
  text: string;
  /**
   * Why `REPLY_AI.instructions` was not used as the template ("{v_carrier} is not set"), for
   * the rule log: the visitor got the list instead, and the shop owner should know why.
   */
  templateSkipped?: string;
}

function humanValue(value: string): string {
  if (value === 'true') return 'yes';
  if (value === 'false') return 'no';
  return value;
}

/**
 * Why each placeholder the template names cannot be filled: unset ("the upstream sent no
 * carrier"), empty (a JSON null is mapped to ""), or hidden (a credential or internal variable,
 * never shown to visitors). An empty value would leave a gap in the sentence ("with  and").
 */
function unfillable(
  template: string,
  variables: Readonly<Record<string, string>>,
  visible: Readonly<Record<string, string>>,
): string[] {
  const problems: string[] = [];
  for (const name of findPlaceholders(template)) {
    if (Object.hasOwn(visible, name)) {
      if (visible[name].trim() === '') problems.push(`{${name}} is empty`);
    } else if (Object.hasOwn(variables, name)) {
      problems.push(`{${name}} is never shown to visitors (a credential or internal variable)`);
    } else {
      problems.push(`{${name}} is not set`);
    }
  }
  return problems;
}

/** "Here is what I found: status: processing, eta: next Monday." — only the set, visible ones. */
function mappedList(visible: Readonly<Record<string, string>>, mappedVariables: readonly string[]): string {
  const names = [...new Set(mappedVariables)].filter((name) => (visible[name] ?? '').trim() !== '');
  if (names.length === 0) return NOTHING_FOUND;
  const items = names.map((name) => `${readableLabel(name)}: ${humanValue(visible[name])}`);
  return `Here is what I found: ${items.join(', ')}.`;
}

/**
 * REPLY_AI with the embedded provider. `instructions` holding {variables} is a template and is
 * filled in when every variable it names has a value; otherwise the reply lists the mapped
 * variables under readable labels ("Here is what I found: order status: shipped, delivery eta:
 * Thursday.") and `templateSkipped` says why. Both only ever show values from the session
 * variables, and never a credential (see modelVisibleVariables): a template naming
 * {session_token} falls back to the list, which leaves it out.
 */
export function writeEmbeddedReply(
  variables: Readonly<Record<string, string>>,
  action: { instructions?: string; mappedVariables: readonly string[] },
): EmbeddedReply {
  const visible = modelVisibleVariables(variables);
  const template = action.instructions;
  if (!template || findPlaceholders(template).length === 0) {
    return { text: mappedList(visible, action.mappedVariables) };
  }
  const problems = unfillable(template, variables, visible);
  if (problems.length === 0) return { text: interpolateText(template, visible).text };
  const text = mappedList(visible, action.mappedVariables);
  const instead = text === NOTHING_FOUND ? 'said nothing was found' : 'listed the mapped variables';
  return {
    text,
    templateSkipped: `the instructions template was not used: ${problems.join(', ')}; the reply ${instead} instead`,
  };
}

/** The visitor's text alone (callers that do not log why a template was skipped). */
export function embeddedReply(
  variables: Readonly<Record<string, string>>,
  action: { instructions?: string; mappedVariables: readonly string[] },
): string {
  return writeEmbeddedReply(variables, action).text;
}
