import { renderTextTemplate } from './render-text-template.ts';
import type { RenderError, VariableScope } from './variable-text.ts';

export type RenderedPath = { ok: true; path: string } | { ok: false; error: RenderError };

/**
 * Renders the path template. Every path variable is required (an empty
 * segment would call a different resource), and each value is percent-encoded
 * with encodeURIComponent, so it stays inside its segment: `/`, `?`, `#`
 * become %2F, %3F, %23 (SPEC §6).
 *
 * Dot segments are refused outright: encodeURIComponent leaves `.` and `..`
 * as they are, and URL parsers (and many servers) also read `%2e%2e` as `..`.
 * A value is rejected when it, or any percent-decoding of it, has a `.` or
 * `..` segment — so `..`, `.`, `%2e%2e`, `%252e%252e` and `../admin` never
 * reach the upstream, whatever it decodes.
 */
export function renderPath(template: string, scope: VariableScope): RenderedPath {
  const rendered = renderTextTemplate(template, scope, {
    where: 'the path',
    requireAll: true,
    check: (name, text) =>
      hasDotSegment(text)
        ? {
            variable: name,
            message: `Variable {${name}} can't be used in the path: "." and ".." segments (in any encoding) would change which resource is called`,
          }
        : undefined,
    encode: encodeURIComponent,
  });
  return rendered.ok ? { ok: true, path: rendered.text } : rendered;
}

/** `..;` is included because Tomcat-style servers strip `;params` before resolving dots. */
const DOT_SEGMENT = /^\.\.?(?:;.*)?$/;

function hasDotSegment(text: string): boolean {
  // Without a dot or an escape there is nothing to decode into one (order ids, emails' local parts).
  if (!text.includes('.') && !text.includes('%')) return false;
  let current = text;
  for (let round = 0; round < 5; round++) {
    if (current.split(/[/\\]/).some((segment) => DOT_SEGMENT.test(segment))) return true;
    const decoded = safeDecode(current);
    if (decoded === current) return false;
    current = decoded;
  }
  return true; // Still changing after five decodings: nobody legitimately sends that.
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
