import { checkFieldDefinitions, type Field } from '../fields/field.schema.ts';
import type { ValidationType } from '../validation/validation.schema.ts';
import { findPlaceholders } from './find-placeholders.ts';
import { parseBodyTemplate } from './parse-body-template.ts';

export type TemplateCheckedEndpoint = {
  readonly path: string;
  readonly queryParams?: Readonly<Record<string, string>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly bodyTemplate?: string | null;
  readonly fields?: readonly Pick<Field, 'name' | 'type' | 'pattern' | 'enum'>[];
  readonly validations?: readonly { readonly input: string; readonly type: ValidationType }[];
};

export type TemplateIssue = {
  path: string;
  message: string;
  /** Set when a name is merely not declared (the rest are malformed templates or fields). */
  undeclared?: true;
};

/** Variables every conversation has: regex captures and the visitor's profile. */
const ALWAYS_KNOWN_PREFIXES = ['match.', 'visitor.'];

/**
 * Reports what would make an endpoint fail at call time, for the dashboard
 * and the create/update routes: every `{var}` in path, query, headers or body
 * that is neither a declared field nor a known variable; field definitions
 * (unique names, enum values, a pattern that compiles); a body template that
 * isn't JSON; validation inputs that name nothing.
 *
 * Known variables are names with the prefixes `match.` or `visitor.`, plus
 * `knownVariables` — session variables, other endpoints' mapped `to` names,
 * action params. An entry ending in `.` (e.g. `order.`) allows the prefix.
 *
 * @example
 * checkEndpointTemplates({ path: '/orders/{orderId}', fields: [] })
 * // → [{ path: 'path', message: 'Variable {orderId} is used in the path but is not declared as a field' }]
 */
export function checkEndpointTemplates(
  endpoint: TemplateCheckedEndpoint,
  knownVariables: readonly string[] = [],
): TemplateIssue[] {
  const fields = endpoint.fields ?? [];
  const declared = new Set(fields.map((field) => field.name));
  const prefixes = [...ALWAYS_KNOWN_PREFIXES, ...knownVariables.filter((name) => name.endsWith('.'))];
  const known = new Set(knownVariables);
  const isKnown = (name: string) =>
    declared.has(name) || known.has(name) || prefixes.some((prefix) => name.startsWith(prefix));

  const issues: TemplateIssue[] = [];
  const checkTemplate = (template: string, issuePath: string, where: string) => {
    for (const name of findPlaceholders(template)) {
      if (!isKnown(name)) {
        issues.push({
          path: issuePath,
          message: `Variable {${name}} is used in ${where} but is not declared as a field`,
          undeclared: true,
        });
      }
    }
  };

  checkTemplate(endpoint.path, 'path', 'the path');
  for (const [name, value] of Object.entries(endpoint.queryParams ?? {})) {
    checkTemplate(value, `queryParams.${name}`, `query parameter ${name}`);
  }
  for (const [name, value] of Object.entries(endpoint.headers ?? {})) {
    checkTemplate(value, `headers.${name}`, `header ${name}`);
  }
  const body = endpoint.bodyTemplate ?? '';
  if (body.trim() !== '') {
    const parsed = parseBodyTemplate(body);
    if (!parsed.ok) issues.push({ path: 'bodyTemplate', message: parsed.message });
    checkTemplate(body, 'bodyTemplate', 'the body template');
  }
  for (const issue of checkFieldDefinitions(fields)) {
    issues.push({ path: issue.path.join('.'), message: issue.message });
  }
  (endpoint.validations ?? []).forEach((validation, index) => {
    if (validation.type === 'not_empty' && validation.input === '') return;
    if (!isKnown(validation.input)) {
      issues.push({
        path: `validations.${index}.input`,
        message: `Validation input {${validation.input}} is not a declared field or known variable`,
        undeclared: true,
      });
    }
  });
  return issues;
}
