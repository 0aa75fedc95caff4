import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { checkEndpointTemplates, endpointInputSchema, endpointPatchSchema } from './endpoint.schema.ts';

const specExample = {
  name: 'Order status',
  method: 'GET',
  path: '/orders/{orderId}',
  queryParams: { lang: '{language}' },
  headers: {},
  bodyTemplate: null,
  responseMapping: [
    { from: 'data.status', to: 'order_status' },
    { from: 'data.items[0].name', to: 'first_item' },
  ],
  description: 'Returns the status and ETA of one order',
  fields: [
    {
      name: 'orderId',
      type: 'string',
      required: true,
      description: 'Order number',
      pattern: '^[0-9]{3,10}$',
    },
    { name: 'email', type: 'email', required: true, description: 'Email used for the order' },
  ],
  validations: [
    {
      input: 'email',
      compareWith: 'billing.email',
      type: 'equals_ignore_case',
      errorMessage: "Email doesn't match. Please verify your details.",
    },
  ],
};

/** The dotted paths of a failed parse, to assert that errors name the field. */
function issuePaths(input: unknown, schema: z.ZodType = endpointInputSchema): string[] {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

describe('endpointInputSchema', () => {
  it('accepts the SPEC §6 example and fills defaults', () => {
    const endpoint = endpointInputSchema.parse(specExample);
    expect(endpoint).toMatchObject({ timeoutMs: 5000, aiCallable: true, method: 'GET' });
    expect(endpoint.fields[1]).toEqual({ ...specExample.fields[1], description: 'Email used for the order' });
    expect(endpoint.aiPrompt).toBeUndefined();
  });

  it('applies defaults for a minimal endpoint', () => {
    expect(endpointInputSchema.parse({ name: 'Ping' })).toEqual({
      name: 'Ping',
      method: 'GET',
      path: '',
      queryParams: {},
      headers: {},
      bodyTemplate: null,
      responseMapping: [],
      description: '',
      fields: [],
      validations: [],
      timeoutMs: 5000,
      aiCallable: true,
    });
  });

  it('offers reads to LLMs by default, never writes unless the admin says so', () => {
    const callable = (body: Record<string, unknown>) =>
      endpointInputSchema.parse({ name: 'E', ...body }).aiCallable;
    expect(callable({ method: 'GET' })).toBe(true);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) expect(callable({ method })).toBe(false);
    expect(callable({ method: 'DELETE', aiCallable: true })).toBe(true);
    expect(callable({ method: 'GET', aiCallable: false })).toBe(false);
  });

  it('serialises a JSON object body template', () => {
    const endpoint = endpointInputSchema.parse({
      name: 'Ticket',
      method: 'POST',
      bodyTemplate: { email: '{email}', n: 1 },
    });
    expect(endpoint.bodyTemplate).toBe('{"email":"{email}","n":1}');
  });

  it.each([
    ['orders/1', 'must start with /'],
    ['//evil.example/x', 'must not start with //'],
    ['/redirect/https://evil.example', 'scheme'],
    ['/orders?id={id}', 'queryParams'],
    ['/a/../admin', '. or ..'],
    ['/a\\b', 'backslashes'],
  ])('rejects the path %s', (path, message) => {
    const result = endpointInputSchema.safeParse({ name: 'x', path });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ['path'],
      message: expect.stringContaining(message),
    });
  });

  it('says what a list item looks like when a list is sent as something else', () => {
    const message = (input: Record<string, unknown>) =>
      endpointInputSchema.safeParse({ name: 'x', ...input }).error?.issues[0].message;
    // Seed 000 writes a mapping as "data.status → order_status": sent as an object, the error shows the shape.
    expect(message({ responseMapping: { 'data.status': 'order_status' } })).toBe(
      'Expected a list like [{"from": "data.status", "to": "order_status"}], received object',
    );
    expect(message({ fields: 'orderId' })).toMatch(/^Expected a list like \[\{"name": "orderId"/);
    expect(message({ validations: null })).toMatch(/^Expected a list like .*received null$/);
  });

  it('names the offending field in errors', () => {
    expect(issuePaths({ name: '' })).toEqual(['name']);
    expect(issuePaths({ name: 'x', method: 'HEAD' })).toEqual(['method']);
    expect(issuePaths({ name: 'x', timeoutMs: 50 })).toEqual(['timeoutMs']);
    expect(issuePaths({ name: 'x', timeoutMs: 60_001 })).toEqual(['timeoutMs']);
    expect(issuePaths({ name: 'x', responseMapping: [{ from: 'a..b', to: 'x' }] })).toEqual([
      'responseMapping.0.from',
    ]);
    expect(issuePaths({ name: 'x', responseMapping: [{ from: 'a', to: '1x' }] })).toEqual([
      'responseMapping.0.to',
    ]);
    expect(issuePaths({ name: 'x', responseMapping: [{ from: 'a', to: '__proto__' }] })).toEqual([
      'responseMapping.0.to',
    ]);
    expect(issuePaths({ name: 'x', headers: { 'Bad Name': 'v' } })).toEqual(['headers.Bad Name']);
    expect(issuePaths({ name: 'x', headers: { 'X-A': 'v\r\nX-B: 1' } })).toEqual(['headers.X-A']);
    expect(
      issuePaths({
        name: 'x',
        validations: [{ compareWith: 'billing.email', type: 'equals', errorMessage: 'No' }],
      }),
    ).toEqual(['validations.0.input']);
  });

  it('reports field definition problems with their paths', () => {
    const fields = [
      { name: 'orderId', type: 'string', pattern: '([0-9' },
      { name: 'orderId', type: 'string' },
      { name: 'size', type: 'enum' },
    ];
    expect(issuePaths({ name: 'x', fields })).toEqual(['fields.0.pattern', 'fields.1.name', 'fields.2.enum']);
  });

  it('accepts not_empty validations without input', () => {
    const endpoint = endpointInputSchema.parse({
      name: 'x',
      validations: [{ compareWith: 'data.id', type: 'not_empty', errorMessage: 'Not found' }],
    });
    expect(endpoint.validations[0]).toEqual({
      input: '',
      compareWith: 'data.id',
      type: 'not_empty',
      errorMessage: 'Not found',
    });
  });
});

describe('endpointPatchSchema', () => {
  it('accepts a partial update without filling defaults', () => {
    expect(endpointPatchSchema.parse({ name: 'Renamed' })).toEqual({ name: 'Renamed' });
    expect(endpointPatchSchema.parse({})).toEqual({});
  });

  it('still validates what is given', () => {
    expect(issuePaths({ path: '//evil.example' }, endpointPatchSchema)).toEqual(['path']);
    expect(issuePaths({ fields: [{ name: 'a', type: 'enum', enum: [] }] }, endpointPatchSchema)).toEqual([
      'fields.0.enum',
    ]);
  });
});

describe('checkEndpointTemplates', () => {
  it('accepts the SPEC example when language is a known session variable', () => {
    const endpoint = endpointInputSchema.parse(specExample);
    expect(checkEndpointTemplates(endpoint, ['language'])).toEqual([]);
  });

  it('reports every undeclared variable with where it is used', () => {
    const endpoint = endpointInputSchema.parse({
      name: 'x',
      method: 'POST',
      path: '/orders/{orderId}',
      queryParams: { lang: '{language}' },
      headers: { 'X-Token': 'Bearer {token}' },
      bodyTemplate: '{"note": "{note}", "qty": {qty}}',
      fields: [{ name: 'qty', type: 'integer' }],
    });
    expect(checkEndpointTemplates(endpoint)).toEqual([
      {
        path: 'path',
        message: 'Variable {orderId} is used in the path but is not declared as a field',
        undeclared: true,
      },
      {
        path: 'queryParams.lang',
        message: 'Variable {language} is used in query parameter lang but is not declared as a field',
        undeclared: true,
      },
      {
        path: 'headers.X-Token',
        message: 'Variable {token} is used in header X-Token but is not declared as a field',
        undeclared: true,
      },
      {
        path: 'bodyTemplate',
        message: 'Variable {note} is used in the body template but is not declared as a field',
        undeclared: true,
      },
    ]);
  });

  it('knows match.* and visitor.* variables, listed names and listed prefixes', () => {
    const endpoint = { path: '/u/{visitor.email}/{match.1}/{session_token}/{auth.token}' };
    expect(checkEndpointTemplates(endpoint, ['session_token', 'auth.'])).toEqual([]);
    expect(checkEndpointTemplates(endpoint).map((issue) => issue.message)).toEqual([
      'Variable {session_token} is used in the path but is not declared as a field',
      'Variable {auth.token} is used in the path but is not declared as a field',
    ]);
  });

  it('reports a body template that is not JSON once filled in', () => {
    const issues = checkEndpointTemplates({
      path: '',
      bodyTemplate: '{"a": {a}, }',
      fields: [{ name: 'a', type: 'string' }],
    });
    expect(issues).toEqual([{ path: 'bodyTemplate', message: expect.stringContaining('not valid JSON') }]);
    expect(checkEndpointTemplates({ path: '', bodyTemplate: 'email={email}' }, ['email'])).toHaveLength(1);
  });

  it('reports field definition problems and unknown validation inputs', () => {
    const issues = checkEndpointTemplates({
      path: '',
      fields: [
        { name: 'size', type: 'enum', enum: [] },
        { name: 'code', type: 'string', pattern: '(' },
      ],
      validations: [
        { input: 'email', type: 'equals' },
        { input: '', type: 'not_empty' },
        { input: 'size', type: 'equals' },
      ],
    });
    expect(issues.map((issue) => issue.path)).toEqual([
      'fields.0.enum',
      'fields.1.pattern',
      'validations.0.input',
    ]);
  });
});
