import { renderTextTemplate } from './render-text-template.ts';
import type { RenderError, VariableScope } from './variable-text.ts';

export type RenderedQuery = { ok: true; pairs: [string, string][] } | { ok: false; error: RenderError };

/**
 * Renders query parameter values (names are literal). Values are returned
 * unencoded: buildUrl encodes each as one URLSearchParams value. A parameter
 * whose value comes out empty because an optional variable was absent is
 * left out (`date={checkIn}` without a check-in date sends no `date=`).
 */
export function renderQuery(
  queryParams: Readonly<Record<string, string>>,
  scope: VariableScope,
): RenderedQuery {
  const pairs: [string, string][] = [];
  for (const [name, template] of Object.entries(queryParams)) {
    const rendered = renderTextTemplate(template, scope, { where: `query parameter ${name}` });
    if (!rendered.ok) return rendered;
    if (rendered.text === '' && rendered.usedMissing) continue;
    pairs.push([name, rendered.text]);
  }
  return { ok: true, pairs };
}
