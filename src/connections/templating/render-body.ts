import { isRawJson, rawJson } from '../mapping/raw-json.ts';
import { soleVariable } from './find-placeholders.ts';
import { parseBodyTemplate } from './parse-body-template.ts';
import { renderTextTemplate } from './render-text-template.ts';
import {
  hasLoneSurrogate,
  isRequiredAndMissing,
  loneSurrogateError,
  lookupVariable,
  missingVariableError,
  type RenderError,
  type VariableScope,
} from './variable-text.ts';

export type RenderedBody = { ok: true; body: string } | { ok: false; error: RenderError };

const WHERE = 'the body';
/** A string variable in a bare slot (`{"qty": {qty}}`) that is exactly a JSON number goes in as that number. */
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

type Walk = { scope: VariableScope; slots: ReadonlyMap<string, string>; error?: RenderError };

/**
 * Renders a JSON body template (see parse-body-template.ts for the approach):
 * - inside a string, a placeholder is replaced by the value's text and the
 *   whole string is JSON-escaped on output;
 * - a string that is exactly `"{name}"` takes the variable's typed value:
 *   numbers, booleans, objects and arrays stay typed, strings stay strings;
 * - a bare placeholder outside strings does the same, except that a string
 *   which is exactly a JSON number (`"3"`, session variables are strings) or
 *   `true`/`false` is inserted as that literal;
 * - when such an exact placeholder names an absent optional variable (not
 *   given, or null), an object member is left out (`{"sku": "{sku}", "qty":
 *   "{qty}"}` → `{"sku":"A1"}`, since APIs read a missing key as "use the
 *   default" but may refuse `null`) and an array item becomes null (leaving
 *   it out would shift the positions of the others).
 * Placeholders in object keys are rendered as text.
 */
export function renderBody(template: string, scope: VariableScope): RenderedBody {
  const parsed = parseBodyTemplate(template);
  if (!parsed.ok) return { ok: false, error: { message: parsed.message } };
  const walk: Walk = { scope, slots: parsed.slots };
  const tree = renderNode(parsed.tree, walk);
  if (walk.error) return { ok: false, error: walk.error };
  return {
    ok: true,
    body: JSON.stringify(tree, (_key, value) => (typeof value === 'bigint' ? rawJson(String(value)) : value)),
  };
}

function renderNode(node: unknown, walk: Walk): unknown {
  if (walk.error) return null;
  if (typeof node === 'string') return renderString(node, walk);
  if (Array.isArray(node)) return node.map((item) => renderNode(item, walk));
  if (node !== null && typeof node === 'object' && !isRawJson(node)) {
    return Object.fromEntries(
      Object.entries(node)
        .filter(([, value]) => !isAbsentOptional(value, walk))
        .map(([key, value]) => [renderText(keyTemplate(key, walk), walk), renderNode(value, walk)]),
    );
  }
  return node;
}

/** An exact placeholder (`"{name}"` or a bare slot) whose optional variable has no value. */
function isAbsentOptional(value: unknown, walk: Walk): boolean {
  if (typeof value !== 'string') return false;
  const name = walk.slots.get(value) ?? soleVariable(value);
  return (
    name !== undefined && !walk.scope.required.has(name) && lookupVariable(walk.scope, name) === undefined
  );
}

function renderString(text: string, walk: Walk): unknown {
  const slotVariable = walk.slots.get(text);
  if (slotVariable !== undefined) return typedValue(slotVariable, true, walk);
  const sole = soleVariable(text);
  if (sole !== undefined) return typedValue(sole, false, walk);
  return renderText(text, walk);
}

function keyTemplate(key: string, walk: Walk): string {
  const slotVariable = walk.slots.get(key);
  return slotVariable === undefined ? key : `{${slotVariable}}`;
}

function renderText(template: string, walk: Walk): string {
  const rendered = renderTextTemplate(template, walk.scope, { where: WHERE });
  if (rendered.ok) return rendered.text;
  walk.error ??= rendered.error;
  return '';
}

function typedValue(name: string, bare: boolean, walk: Walk): unknown {
  if (isRequiredAndMissing(walk.scope, name)) return failWith(missingVariableError(name, WHERE), walk);
  const value = lookupVariable(walk.scope, name);
  switch (typeof value) {
    case 'undefined':
      return null;
    case 'string':
      if (hasLoneSurrogate(value)) return failWith(loneSurrogateError(name, WHERE), walk);
      if (bare && JSON_NUMBER.test(value)) return rawJson(value);
      if (bare && (value === 'true' || value === 'false')) return value === 'true';
      return value;
    case 'number':
      if (Number.isFinite(value)) return value;
      return failWith({ variable: name, message: `Variable {${name}} is not a finite number` }, walk);
    case 'bigint':
      return rawJson(value.toString());
    case 'boolean':
    case 'object':
      return value;
    default:
      return failWith({ variable: name, message: `Variable {${name}} can't be put in a JSON body` }, walk);
  }
}

function failWith(error: RenderError, walk: Walk): null {
  walk.error ??= error;
  return null;
}
