import type { ToolSet } from 'ai';
import { UNAVAILABLE } from '../../connections/call-error.ts';
import type { LoadedEndpoint } from '../../connections/endpoints.repository.ts';
import type { ExecuteEndpointResult } from '../../connections/execute-endpoint.ts';
import type { Field } from '../../connections/fields/index.ts';
import { assertNever } from '../../errors.ts';
import { slotFields } from '../../rules/actions/fill-endpoint-slots.ts';
import { summarizeEndpoint } from '../../rules/endpoint-calls.ts';
import { loadAiSdk } from './ai-sdk.ts';

/**
 * What a tool call hands back to the model: mapped variables, or only an error message.
 * `hidden`: mapped credentials (a login's token) kept for the next tools but never shown.
 */
export type ToolOutcome =
  | { ok: true; data: Record<string, string>; hidden?: string[] }
  | { ok: false; error: string };

/** Runs one endpoint for the conversation's tenant with the model's arguments. */
export type ToolCallRunner = (endpoint: LoadedEndpoint, args: Record<string, string>) => Promise<ToolOutcome>;

/** What a tool's parameters are made of: the declared fields, and path variables no field declares. */
type ToolField = Pick<Field, 'name' | 'type' | 'required' | 'description' | 'pattern' | 'enum'>;

function fieldSchema(field: ToolField): Record<string, unknown> {
  const description = field.description || undefined;
  switch (field.type) {
    case 'string':
      return { type: 'string', description, ...(field.pattern ? { pattern: field.pattern } : {}) };
    case 'email':
      return { type: 'string', format: 'email', description };
    case 'date':
      return {
        type: 'string',
        format: 'date',
        description: `${field.description || field.name} (YYYY-MM-DD)`,
      };
    case 'enum':
      return { type: 'string', enum: field.enum ?? [], description };
    case 'number':
      return { type: 'number', description };
    case 'integer':
      return { type: 'integer', description };
    case 'boolean':
      return { type: 'boolean', description };
    default:
      return assertNever(field.type);
  }
}

/**
 * The endpoint's fields plus each `{variable}` of its path that no field declares (seed 000's
 * `GET /products/{productId}/price` without fields), as a required string: without it no call can
 * go out. The same list AI rules collect (slotFields), so a tool and a CALL_API ask for the same.
 */
export function toolFields(endpoint: LoadedEndpoint): ToolField[] {
  const declared = new Set(endpoint.fields.map((field) => field.name));
  const implicit = slotFields(summarizeEndpoint(endpoint), [])
    .filter((field) => !declared.has(field.name))
    .map((field) => ({
      name: field.name,
      type: 'string' as const,
      required: true,
      description: `The {${field.name}} in ${endpoint.method} ${endpoint.path}`,
    }));
  return [...endpoint.fields, ...implicit];
}

/** Tool names must match ^[a-zA-Z0-9_-]{1,64}$ for every provider: "Order status" → "order_status". */
function toolName(endpoint: LoadedEndpoint, taken: Set<string>): string {
  const base =
    endpoint.name
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 56) || 'endpoint';
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
  taken.add(name);
  return name;
}

/**
 * The tenant's aiCallable endpoints as AI SDK tools: parameters from the endpoint's fields, the
 * description and aiPrompt as guidance. A field another endpoint's mapping (or the session)
 * supplies is optional for the model — that is how chained calls (auth → token → protected call)
 * work without the model copying tokens around.
 */
export async function endpointTools(
  endpoints: readonly LoadedEndpoint[],
  knownVariables: ReadonlySet<string>,
  run: ToolCallRunner,
): Promise<ToolSet> {
  const { jsonSchema, tool } = await loadAiSdk();
  const mappedAnywhere = new Set(endpoints.flatMap((e) => e.responseMapping.map((m) => m.to)));
  const tools: ToolSet = {};
  const taken = new Set<string>();
  for (const endpoint of endpoints) {
    if (!endpoint.aiCallable) continue;
    const fields = toolFields(endpoint);
    const properties = Object.fromEntries(fields.map((field) => [field.name, fieldSchema(field)]));
    const required = fields
      .filter((f) => f.required && !mappedAnywhere.has(f.name) && !knownVariables.has(f.name))
      .map((f) => f.name);
    const description = [
      endpoint.description || endpoint.name,
      endpoint.aiPrompt ? `Guidance: ${endpoint.aiPrompt}` : '',
    ]
      .filter(Boolean)
      .join('\n');
    tools[toolName(endpoint, taken)] = tool({
      description,
      inputSchema: jsonSchema<Record<string, unknown>>({
        type: 'object',
        properties,
        required,
        additionalProperties: false,
      }),
      execute: async (input) => run(endpoint, stringArgs(fields, input)),
    });
  }
  return tools;
}

/** Only the tool's parameters, as strings (the endpoint engine types them again against the fields). */
function stringArgs(fields: readonly ToolField[], input: Record<string, unknown>): Record<string, string> {
  const args: Record<string, string> = {};
  for (const field of fields) {
    const value = input?.[field.name];
    if (value === undefined || value === null || value === '') continue;
    args[field.name] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return args;
}

/** Reduces an endpoint result to what a model may see: never the response body. */
export function toolOutcomeOf(result: ExecuteEndpointResult): ToolOutcome {
  if (result.ok) return { ok: true, data: result.mapped };
  if (result.missing.length > 0) {
    return { ok: false, error: `Missing values: ${result.missing.join(', ')}. Ask the visitor for them.` };
  }
  if (result.invalid.length > 0) {
    return { ok: false, error: result.invalid.map((i) => `${i.field}: ${i.reason}`).join(' ') };
  }
  if (!result.validation.passed) {
    const messages = result.validation.errors.map((e) => e.message).filter(Boolean);
    return { ok: false, error: messages.join(' ') || result.error?.publicMessage || UNAVAILABLE };
  }
  return { ok: false, error: result.error?.publicMessage ?? UNAVAILABLE };
}
