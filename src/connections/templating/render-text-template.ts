import { splitTemplate } from './find-placeholders.ts';
import {
  hasLoneSurrogate,
  isRequiredAndMissing,
  loneSurrogateError,
  lookupVariable,
  missingVariableError,
  type RenderError,
  type VariableScope,
  variableToText,
} from './variable-text.ts';

export type TextTemplateOptions = {
  /** Where the template is, for error messages: "the path", "header X-Id". */
  readonly where: string;
  /** Every variable is required here (the path): absent or "" is an error. */
  readonly requireAll?: boolean;
  /** Rejects a value that is unsafe in this position. */
  readonly check?: (name: string, text: string) => RenderError | undefined;
  /** Encodes a checked value for this position (percent-encoding in the path). */
  readonly encode?: (text: string) => string;
};

export type RenderedText =
  | { ok: true; text: string; usedMissing: boolean }
  | { ok: false; error: RenderError };

/**
 * Renders a text template (path, query value, header value, a string inside a
 * JSON body). Only variable values are checked and encoded; the template's own
 * literal text is the tenant's and was validated by the endpoint schema.
 * `usedMissing` tells the caller an optional variable was absent and rendered
 * as "" (the query then drops the parameter).
 */
export function renderTextTemplate(
  template: string,
  scope: VariableScope,
  options: TextTemplateOptions,
): RenderedText {
  let text = '';
  let usedMissing = false;
  for (const part of splitTemplate(template)) {
    if ('text' in part) {
      text += part.text;
      continue;
    }
    const name = part.variable;
    const value = lookupVariable(scope, name);
    if (isRequiredAndMissing(scope, name) || (options.requireAll && (value === undefined || value === ''))) {
      return { ok: false, error: missingVariableError(name, options.where) };
    }
    if (value === undefined) usedMissing = true;
    const valueText = variableToText(value);
    if (hasLoneSurrogate(valueText)) return { ok: false, error: loneSurrogateError(name, options.where) };
    const problem = options.check?.(name, valueText);
    if (problem) return { ok: false, error: problem };
    text += options.encode ? options.encode(valueText) : valueText;
  }
  return { ok: true, text, usedMissing };
}
