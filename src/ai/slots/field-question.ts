import { fieldLabel } from '../../connections/fields/index.ts';
import type { EndpointFieldInfo } from '../../rules/ai-hooks.ts';

const CONNECTORS = /\b(for|of|used|to|in|on|from|with|which|that|when|where|by|at|you|we)\b/i;

function lowerFirst(text: string): string {
  return /^\p{Lu}\p{Ll}/u.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/**
 * The question that asks a visitor for a field, built from its description:
 * "Order number" → "What is your order number?",
 * "Email used for the order" → "Could you tell me the email used for the order?".
 * A description that already is a question is used as it is.
 */
export function fieldQuestion(
  field: Pick<EndpointFieldInfo, 'name' | 'type' | 'description' | 'enum'>,
): string {
  const description = field.description.trim();
  if (description.endsWith('?')) return description;
  if (/^(how|what|which|when|where|who|why|do|does|is|are|can)\b/i.test(description)) {
    return `${description.replace(/[.:]$/, '')}?`;
  }
  const label = fieldLabel({ name: field.name, description: description.split(/[,;(]/)[0] });
  const phrase = lowerFirst(label).replace(/^(your|the|a|an)\s+/i, '');
  const words = phrase.split(/\s+/).length;
  switch (field.type) {
    case 'boolean':
      return `${label}? Please answer yes or no.`;
    case 'enum':
      return `Which ${phrase} would you like? Please choose one of: ${(field.enum ?? []).join(', ')}.`;
    default:
      return words <= 3 && !CONNECTORS.test(phrase)
        ? `What is your ${phrase}?`
        : `Could you tell me the ${phrase}?`;
  }
}
