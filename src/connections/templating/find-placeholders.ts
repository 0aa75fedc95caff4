/**
 * Placeholder syntax: `{name}` where name is a letter or `_` followed by
 * letters, digits, `_`, `.` or `-` (`{orderId}`, `{visitor.email}`,
 * `{match.1}`). Braces around anything else — `{"a": 1}`, `{ x }`, `{1}` — are
 * ordinary text, which is what lets JSON bodies be templates. There is no
 * escape syntax: in `{{name}}` the inner `{name}` is a placeholder and the
 * outer braces stay, so it renders as `{value}`.
 */
export const PLACEHOLDER_NAME = '[A-Za-z_][A-Za-z0-9_.-]*';
const PLACEHOLDER = new RegExp(`\\{(${PLACEHOLDER_NAME})\\}`, 'g');

export type TemplatePart = { text: string } | { variable: string };

// Templates are the tenant's few saved strings, rendered on every call: split each once.
const splits = new Map<string, readonly TemplatePart[]>();
const MAX_SPLITS = 5_000;

/** Splits a template into literal text and placeholder parts, in order. */
export function splitTemplate(template: string): readonly TemplatePart[] {
  let parts = splits.get(template);
  if (parts === undefined) {
    parts = Object.freeze(splitUncached(template));
    if (splits.size >= MAX_SPLITS) splits.clear();
    splits.set(template, parts);
  }
  return parts;
}

function splitUncached(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push({ text: template.slice(last, match.index) });
    parts.push({ variable: match[1] });
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push({ text: template.slice(last) });
  return parts;
}

/**
 * The distinct variable names used in a template, in order of first use.
 *
 * @example
 * findPlaceholders('/orders/{orderId}/items/{orderId}?x={{y}}') // → ['orderId', 'y']
 */
export function findPlaceholders(template: string): string[] {
  const names = new Set<string>();
  for (const part of splitTemplate(template)) {
    if ('variable' in part) names.add(part.variable);
  }
  return [...names];
}

/** True when the whole template is one placeholder, e.g. `{qty}`; returns its name. */
export function soleVariable(template: string): string | undefined {
  const parts = splitTemplate(template);
  return parts.length === 1 && 'variable' in parts[0] ? parts[0].variable : undefined;
}
