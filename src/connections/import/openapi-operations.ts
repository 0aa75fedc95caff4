import type { EndpointInput } from '../endpoint.schema.ts';
import type { FieldInput } from '../fields/field.schema.ts';
import type { OpenApiDocument } from './load-openapi-document.ts';
import { fieldNameFor, schemaToField } from './openapi-schema-to-field.ts';

export interface SkippedOperation {
  method: string;
  path: string;
  reason: string;
}

type Obj = Record<string, unknown>;
const obj = (value: unknown): Obj => (value !== null && typeof value === 'object' ? (value as Obj) : {});

const SUPPORTED = ['get', 'post', 'put', 'patch', 'delete'];
const IGNORED = ['head', 'options', 'trace'];
const MAX_FIELDS = 50;
const FORM = /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i;

/**
 * One endpoint per operation: path and query parameters become fields (and
 * `{name}` templates), header parameters become templated headers, and the top
 * level of a JSON request body becomes fields with a body template whose values
 * are exactly `"{field}"` (so they keep their type). Anything unusable is listed
 * in `skipped` with the reason.
 */
export function openApiOperations(
  doc: OpenApiDocument,
  version: 2 | 3,
): { endpoints: EndpointInput[]; skipped: SkippedOperation[] } {
  const endpoints: EndpointInput[] = [];
  const skipped: SkippedOperation[] = [];
  for (const [path, rawItem] of Object.entries(obj(doc.paths))) {
    const item = obj(rawItem);
    for (const [method, rawOperation] of Object.entries(item)) {
      if (IGNORED.includes(method)) {
        skipped.push({
          method: method.toUpperCase(),
          path,
          reason: `${method.toUpperCase()} is not a supported method`,
        });
        continue;
      }
      if (!SUPPORTED.includes(method)) continue;
      const result = toEndpoint(path, method, obj(rawOperation), item, version);
      if ('reason' in result) skipped.push({ method: method.toUpperCase(), path, reason: result.reason });
      else endpoints.push(result.endpoint);
    }
  }
  return { endpoints, skipped };
}

function toEndpoint(
  rawPath: string,
  method: string,
  operation: Obj,
  item: Obj,
  version: 2 | 3,
): { endpoint: EndpointInput } | { reason: string } {
  const fields: FieldInput[] = [];
  const queryParams: Record<string, string> = {};
  const headers: Record<string, string> = {};
  let path = rawPath;
  const addField = (field: FieldInput) => {
    if (!fields.some((f) => f.name === field.name) && fields.length < MAX_FIELDS) fields.push(field);
    return field.name;
  };

  let bodyTemplate: string | null = null;
  for (const param of mergedParameters(item, operation)) {
    const name = String(param.name ?? '');
    const description = typeof param.description === 'string' ? param.description : undefined;
    const schema = version === 3 ? obj(param.schema) : param;
    if (param.in === 'body') {
      bodyTemplate = bodyFromSchema(obj(param.schema), addField);
      continue;
    }
    if (param.in === 'formData') {
      return { reason: 'form-data request bodies are not supported (endpoints send JSON bodies only)' };
    }
    if (!name || (param.in !== 'path' && param.in !== 'query' && param.in !== 'header')) continue;
    const fieldName = addField(
      schemaToField(name, schema, param.in === 'path' || param.required === true, description),
    );
    if (param.in === 'path') path = path.split(`{${name}}`).join(`{${fieldName}}`);
    else if (param.in === 'query') queryParams[name] = `{${fieldName}}`;
    else if (!/^(authorization|content-type|accept)$/i.test(name)) headers[name] = `{${fieldName}}`;
  }

  if (version === 3 && operation.requestBody !== undefined) {
    const content = obj(obj(operation.requestBody).content);
    const types = Object.keys(content);
    const jsonType = types.find((type) => /[/+]json\b/i.test(type));
    // Endpoints send JSON bodies only: an operation that takes its input as a form would be
    // imported with none of it, so it is skipped (also when the body is optional).
    if (jsonType) bodyTemplate = bodyFromSchema(obj(obj(content[jsonType]).schema), addField);
    else if (obj(operation.requestBody).required === true || types.some((type) => FORM.test(type))) {
      return {
        reason: `request body type ${types.join(', ') || 'unknown'} is not supported (endpoints send JSON bodies only)`,
      };
    }
  }
  if (method === 'get') bodyTemplate = null;

  const summary = typeof operation.summary === 'string' ? operation.summary.trim() : '';
  const details = typeof operation.description === 'string' ? operation.description.trim() : '';
  const operationId = typeof operation.operationId === 'string' ? operation.operationId : '';
  const endpoint: EndpointInput = {
    name: (summary || operationId || `${method.toUpperCase()} ${rawPath}`).slice(0, 200),
    method: method.toUpperCase() as EndpointInput['method'],
    path: path === '/' ? '' : path,
    queryParams,
    headers,
    bodyTemplate,
    description: [summary, details].filter(Boolean).join('\n\n').slice(0, 2000),
    fields,
  };
  return { endpoint };
}

/** Path-level parameters apply to every operation unless the operation redefines them (same name and `in`). */
function mergedParameters(item: Obj, operation: Obj): Obj[] {
  const own = (Array.isArray(operation.parameters) ? operation.parameters : []).map(obj);
  const shared = (Array.isArray(item.parameters) ? item.parameters : []).map(obj);
  return [...shared.filter((p) => !own.some((o) => o.name === p.name && o.in === p.in)), ...own];
}

/** `{"prop": "{prop}", …}` over the top-level properties; a body that isn't an object is one `{body}` field. */
function bodyFromSchema(schema: Obj, addField: (field: FieldInput) => string): string {
  const properties = obj(schema.properties);
  const required = Array.isArray(schema.required) ? schema.required.map(String) : [];
  if (Object.keys(properties).length === 0) return '{}';
  const body: Record<string, string> = {};
  for (const [name, property] of Object.entries(properties)) {
    const prop = obj(property);
    if (prop.readOnly === true) continue;
    const field = schemaToField(name, prop, required.includes(name), undefined);
    body[name] = `{${addField({ ...field, name: fieldNameFor(name) })}}`;
  }
  return JSON.stringify(body);
}
