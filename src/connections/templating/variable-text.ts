import { rawJson } from '../mapping/raw-json.ts';

export type RenderError = { variable?: string; message: string };

export type VariableScope = {
  readonly variables: Readonly<Record<string, unknown>>;
  /** Names that must be present (not undefined, null or ""). */
  readonly required: ReadonlySet<string>;
};

/**
 * A variable's value, or undefined when it is absent. Names are plain keys
 * (`visitor.email` is one key, not a path) and only own properties count, so
 * `{constructor}` never finds Object.prototype.constructor.
 */
export function lookupVariable(scope: VariableScope, name: string): unknown {
  const value = Object.hasOwn(scope.variables, name) ? scope.variables[name] : undefined;
  return value === null ? undefined : value;
}

export function isRequiredAndMissing(scope: VariableScope, name: string): boolean {
  const value = lookupVariable(scope, name);
  return scope.required.has(name) && (value === undefined || value === '');
}

/** Text form of a variable for URLs, headers and strings: objects as compact JSON, absent as "". */
export function variableToText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') {
    return (
      JSON.stringify(value, (_key, item) => (typeof item === 'bigint' ? rawJson(item.toString()) : item)) ??
      ''
    );
  }
  return String(value);
}

/** Unpaired UTF-16 surrogates make encodeURIComponent throw and turn into U+FFFD elsewhere. */
export function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

export function missingVariableError(name: string, where: string): RenderError {
  return { variable: name, message: `Missing required variable {${name}} (used in ${where})` };
}

export function loneSurrogateError(name: string, where: string): RenderError {
  return {
    variable: name,
    message: `Variable {${name}} contains an invalid Unicode character (an unpaired surrogate) and can't be used in ${where}`,
  };
}
