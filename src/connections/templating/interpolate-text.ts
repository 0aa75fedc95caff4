import { splitTemplate } from './find-placeholders.ts';
import { variableToText } from './variable-text.ts';

export type InterpolatedText = { text: string; unknown: string[] };

/**
 * Fills `{variable}` placeholders in reply text (REPLY_TEXT, AI templates).
 * Reply text is shown, not executed, so nothing is encoded; a variable that
 * is absent (undefined or null) renders as "" and is listed once in `unknown`
 * so the caller can log it or fall back.
 *
 * @example
 * interpolateText('The current price is {current_price} {price_currency}.', { current_price: '120' })
 * // → { text: 'The current price is 120 .', unknown: ['price_currency'] }
 */
export function interpolateText(
  template: string,
  variables: Readonly<Record<string, unknown>>,
): InterpolatedText {
  const unknown = new Set<string>();
  let text = '';
  for (const part of splitTemplate(template)) {
    if ('text' in part) {
      text += part.text;
      continue;
    }
    const value = Object.hasOwn(variables, part.variable) ? variables[part.variable] : undefined;
    if (value === undefined || value === null) unknown.add(part.variable);
    text += variableToText(value);
  }
  return { text, unknown: [...unknown] };
}
