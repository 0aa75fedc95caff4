import type { ToolSet } from 'ai';
import { UNAVAILABLE } from '../../connections/call-error.ts';
import type { LoadedEndpoint } from '../../connections/endpoints.repository.ts';
import type { ExecuteEndpointResult } from '../../connections/execute-endpoint.ts';
import type { Field } from '../../connections/fields/index.ts';
import { assertNever } from '../../errors.ts';
import { loadAiSdk } from './ai-sdk.ts';

/** What a tool call hands back to the model: mapped variables, or only an error message. */
export type ToolOutcome = { ok: true; data: Record<string, string> } | { ok: false; error: string };

/** Runs one endpoint for the conversation's tenant with the model's arguments. */
export type ToolCallRunner = (endpoint: LoadedEndpoint, args: Record<string, string>) => Promise<ToolOutcome>;

function fieldSchema(field: Field): Record<string, unknown> {
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
    const properties = Object.fromEntries(endpoint.fields.map((field) => [field.name, fieldSchema(field)]));
    const required = endpoint.fields
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
      execute: async (input) => run(endpoint, stringArgs(endpoint, input)),
    });
  }
  return tools;
}

/** Only declared fields, as strings (the endpoint engine types them again against the fields). */
function stringArgs(endpoint: LoadedEndpoint, input: Record<string, unknown>): Record<string, string> {
  const args: Record<string, string> = {};
  for (const field of endpoint.fields) {
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
