import { findPlaceholders, interpolateText } from '../../connections/templating/index.ts';
import { modelVisibleVariables } from '../visible-variables.ts';

export const NOTHING_FOUND = "Sorry, I couldn't find that information right now.";

/** "delivery_eta" / "deliveryEta" → "delivery eta". */
function humanName(variable: string): string {
  return variable
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_.-]+/g, ' ')
    .trim()
    .toLowerCase();
}

function humanValue(value: string): string {
  if (value === 'true') return 'yes';
  if (value === 'false') return 'no';
  return value;
}

/**
 * REPLY_AI with the embedded provider. `instructions` holding {variables} is a template and is
 * filled in when every variable it names is set; otherwise the reply lists the mapped variables
 * ("Here is what I found: order status: shipped, delivery eta: Thursday."). Both only ever show
 * values from the session variables, and never a credential (see modelVisibleVariables): a
 * template naming {session_token} falls back to the list, which leaves it out.
 */
export function embeddedReply(
  variables: Readonly<Record<string, string>>,
  action: { instructions?: string; mappedVariables: readonly string[] },
): string {
  const visible = modelVisibleVariables(variables);
  if (action.instructions && findPlaceholders(action.instructions).length > 0) {
    const filled = interpolateText(action.instructions, visible);
    if (filled.unknown.length === 0) return filled.text;
  }
  const names = [...new Set(action.mappedVariables)].filter((name) => (visible[name] ?? '') !== '');
  if (names.length === 0) return NOTHING_FOUND;
  return `Here is what I found: ${names.map((name) => `${humanName(name)}: ${humanValue(visible[name])}`).join(', ')}.`;
}
