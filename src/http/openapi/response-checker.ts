// Test support (not collected as tests): validates real responses against what /openapi.json
// documents for their status code, with JSON Schema 2020-12 (the dialect of OpenAPI 3.1).
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';

interface OpenApiResponse {
  description?: string;
  content?: Record<string, { schema: Record<string, unknown> }>;
}
interface OpenApiOperation {
  responses: Record<string, OpenApiResponse>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: Record<string, unknown>;
}

interface InjectedResponse {
  statusCode: number;
  body: string;
  json(): unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `check(method, path, res)` fails unless the document names `res`'s status for that operation and
 * its body matches the schema given there; it returns the body. Each check also proves the schema
 * is strict: the answer with its first field removed, retyped, or with an undocumented field added
 * must be refused. `unchecked()` lists documented success answers no test has seen yet.
 */
export function responseChecker(document: OpenApiDocument) {
  // Not strict: OpenAPI adds keywords JSON Schema does not know (`components` at the root here).
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const compiled = new Map<string, ValidateFunction>();
  const seen = new Set<string>();

  const validatorFor = (key: string, schema: Record<string, unknown>) => {
    let validate = compiled.get(key);
    if (!validate) {
      // Component references (#/components/schemas/RuleAction) resolve against this root.
      validate = ajv.compile({ ...schema, components: document.components });
      compiled.set(key, validate);
    }
    return validate;
  };

  function check(method: string, path: string, res: InjectedResponse): any {
    const key = `${method} ${path} ${res.statusCode}`;
    const operation = document.paths[path]?.[method.toLowerCase()];
    expect(operation, `${method} ${path} is not in the document`).toBeDefined();
    const status = String(res.statusCode);
    // Errors are documented by class (4XX, 5XX): every route answers them in one envelope.
    const documented =
      operation!.responses[status] ??
      (res.statusCode >= 400 ? operation!.responses[`${status[0]}XX`] : undefined);
    expect(
      documented,
      `${key} answered but the document lists only ${Object.keys(operation!.responses)}: ${res.body}`,
    ).toBeDefined();
    seen.add(key);
    const schema = documented!.content?.['application/json']?.schema;
    if (!schema) {
      expect(res.body, `${key} is documented without content`).toBe('');
      return undefined;
    }
    const validate = validatorFor(key, schema);
    const body = res.json();
    expect(validate(body), `${key}: ${ajv.errorsText(validate.errors)}\n${res.body}`).toBe(true);
    for (const [change, tampered] of tamperings(body)) {
      expect(validate(tampered), `${key} still validates ${change}`).toBe(false);
    }
    return body;
  }

  /** `METHOD path status` of every success answer documented with its own status code. */
  function documentedSuccesses(): string[] {
    return Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).flatMap(([method, operation]) =>
        Object.keys(operation.responses)
          .filter((status) => /^2\d\d$/.test(status))
          .map((status) => `${method.toUpperCase()} ${path} ${status}`),
      ),
    );
  }

  const unchecked = () => documentedSuccesses().filter((key) => !seen.has(key));

  return { check, documentedSuccesses, unchecked };
}

/**
 * The body with its resource (a list's first item) changed in ways a strict schema refuses; an
 * error envelope with a code outside the documented list.
 */
function tamperings(body: unknown): Array<[string, unknown]> {
  if (!isObject(body)) return [];
  if (isObject(body.error)) {
    return [['with an unknown error code', { ...body, error: { ...body.error, code: 'NOT_A_CODE' } }]];
  }
  const data = body.data;
  const resource = Array.isArray(data) ? data[0] : data;
  if (!isObject(resource)) return [];
  const first = Object.keys(resource)[0];
  const variant = (change: (copy: Record<string, unknown>) => void) => {
    const copy = structuredClone(body) as { data: unknown };
    const target = (Array.isArray(copy.data) ? copy.data[0] : copy.data) as Record<string, unknown>;
    change(target);
    return copy;
  };
  const wrongType = Array.isArray(resource[first]) ? 'not a list' : [];
  return [
    [
      `without "${first}"`,
      variant((r) => {
        delete r[first];
      }),
    ],
    [
      `with "${first}" retyped`,
      variant((r) => {
        r[first] = wrongType;
      }),
    ],
    [
      'with an undocumented field',
      variant((r) => {
        r.undocumentedField = true;
      }),
    ],
  ];
}
