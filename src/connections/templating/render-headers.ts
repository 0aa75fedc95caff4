import { renderTextTemplate } from './render-text-template.ts';
import type { RenderError, VariableScope } from './variable-text.ts';

export type RenderedHeaders =
  | { ok: true; headers: Record<string, string> }
  | { ok: false; error: RenderError };

/** RFC 9110 §5.6.2 token. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const LINE_BREAK_OR_NUL = /[\r\n\0]/;
/** fetch/undici send header values as bytes and throw on code points above 0xFF. */
const BEYOND_LATIN1 = /[^\u0000-\u00FF]/;

/**
 * Renders header values. CR, LF or NUL in a value could split or smuggle
 * headers (and make undici throw); characters beyond Latin-1 can't be sent at
 * all. Both are errors that name the variable and the header, never a throw.
 */
export function renderHeaders(
  headers: Readonly<Record<string, string>>,
  scope: VariableScope,
): RenderedHeaders {
  const rendered: [string, string][] = [];
  for (const [name, template] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) return fail(`"${name}" is not a valid HTTP header name`);
    if (LINE_BREAK_OR_NUL.test(template))
      return fail(`Header ${name} contains a line break or NUL character`);
    const value = renderTextTemplate(template, scope, {
      where: `header ${name}`,
      check: (variable, text) => {
        if (LINE_BREAK_OR_NUL.test(text)) {
          return {
            variable,
            message: `Variable {${variable}} contains a line break or NUL character, which can't be sent in header ${name}`,
          };
        }
        if (BEYOND_LATIN1.test(text)) {
          return {
            variable,
            message: `Variable {${variable}} contains characters that can't be sent in header ${name} (header values are limited to Latin-1)`,
          };
        }
        return undefined;
      },
    });
    if (!value.ok) return value;
    rendered.push([name, value.text]);
  }
  return { ok: true, headers: Object.fromEntries(rendered) };
}

function fail(message: string): RenderedHeaders {
  return { ok: false, error: { message } };
}
