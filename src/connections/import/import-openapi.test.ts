import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { API, createConnectionVia, startUpstream, type Upstream } from '../testing/upstream.ts';

const petstoreYaml = `
openapi: 3.0.3
info:
  title: Pet Shop
  version: "1.0"
servers:
  - url: https://{region}.pets.example.com/v1
    variables:
      region:
        default: eu
components:
  securitySchemes:
    key:
      type: apiKey
      in: header
      name: X-Pet-Key
  schemas:
    NewPet:
      type: object
      required: [name]
      properties:
        name: { type: string, description: Pet name }
        age: { type: integer }
        owner_email: { type: string, format: email }
        id: { type: integer, readOnly: true }
security:
  - key: []
paths:
  /pets/{petId}:
    parameters:
      - name: petId
        in: path
        required: true
        schema: { type: integer }
    get:
      summary: Get a pet
      description: Returns one pet with its status.
      parameters:
        - name: lang
          in: query
          schema: { type: string, enum: [en, de] }
      responses:
        "200": { description: ok }
    delete:
      operationId: deletePet
      responses:
        "204": { description: gone }
    head:
      responses:
        "200": { description: ok }
  /pets:
    post:
      summary: Add a pet
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/NewPet'
      responses:
        "201": { description: created }
  /upload:
    post:
      summary: Upload a photo
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema: { type: object }
      responses:
        "200": { description: ok }
`;

const swagger2 = {
  swagger: '2.0',
  info: { title: 'Legacy Orders', version: '1' },
  host: 'orders.example.com',
  basePath: '/api',
  schemes: ['http', 'https'],
  securityDefinitions: { basicAuth: { type: 'basic' } },
  security: [{ basicAuth: [] }],
  paths: {
    '/orders/{order-id}': {
      get: {
        summary: 'Order status',
        parameters: [
          { name: 'order-id', in: 'path', required: true, type: 'string', pattern: '^[0-9]+$' },
          { name: 'since', in: 'query', type: 'string', format: 'date' },
          { name: 'X-Tenant', in: 'header', type: 'string' },
        ],
        responses: { 200: { description: 'ok' } },
      },
      put: {
        summary: 'Update order',
        parameters: [
          { name: 'order-id', in: 'path', required: true, type: 'string' },
          {
            name: 'body',
            in: 'body',
            schema: { type: 'object', properties: { note: { type: 'string' }, rush: { type: 'boolean' } } },
          },
        ],
        responses: { 200: { description: 'ok' } },
      },
    },
    '/files': {
      post: {
        summary: 'Upload',
        consumes: ['multipart/form-data'],
        parameters: [{ name: 'file', in: 'formData', type: 'file' }],
        responses: { 200: { description: 'ok' } },
      },
    },
  },
};

describe('OpenAPI import', () => {
  let t: TestApp;
  let upstream: Upstream;
  let canaryPort: number;
  beforeAll(async () => {
    upstream = await startUpstream();
    upstream.handle = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/yaml' });
      res.end(petstoreYaml.replace('https://{region}.pets.example.com/v1', '/served/v1'));
    };
    const canary = await startUpstream();
    canaryPort = canary.port;
    await canary.close();
    t = await createTestApp({
      PARLEY_RATE_LIMIT_PER_MIN: '100000',
      PARLEY_OUTBOUND_ALLOW: `127.0.0.1:${upstream.port}`,
    });
  });
  afterAll(async () => {
    await t.close();
    await upstream.close();
  });

  const importSpec = (headers: Record<string, string>, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: `${API}/connections/import/openapi`, headers, payload });

  it('imports a small OpenAPI 3.0 YAML document into a new connection', async () => {
    const tenant = await t.createTenant();
    const res = await importSpec(tenant.headers, { spec: petstoreYaml });
    expect(res.statusCode, res.body).toBe(201);
    const { connection, endpoints, skipped } = res.json().data;
    expect(connection).toMatchObject({
      name: 'Pet Shop',
      baseUrl: 'https://eu.pets.example.com/v1',
      auth: { type: 'api_key', headerName: 'X-Pet-Key', in: 'header', key: '****E_ME' },
    });
    expect(endpoints.map((e: { method: string; path: string }) => `${e.method} ${e.path}`).sort()).toEqual([
      'DELETE /pets/{petId}',
      'GET /pets/{petId}',
      'POST /pets',
    ]);
    const get = endpoints.find((e: { method: string }) => e.method === 'GET');
    expect(get).toMatchObject({
      name: 'Get a pet',
      description: 'Get a pet\n\nReturns one pet with its status.',
      queryParams: { lang: '{lang}' },
      fields: [
        { name: 'petId', type: 'integer', required: true },
        { name: 'lang', type: 'enum', enum: ['en', 'de'], required: false },
      ],
    });
    expect(endpoints.find((e: { method: string }) => e.method === 'DELETE').name).toBe('deletePet');
    const post = endpoints.find((e: { method: string }) => e.method === 'POST');
    expect(JSON.parse(post.bodyTemplate)).toEqual({
      name: '{name}',
      age: '{age}',
      owner_email: '{owner_email}',
    });
    expect(post.fields).toEqual([
      expect.objectContaining({ name: 'name', type: 'string', required: true, description: 'Pet name' }),
      expect.objectContaining({ name: 'age', type: 'integer', required: false }),
      expect.objectContaining({ name: 'owner_email', type: 'email' }),
    ]);
    expect(skipped).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ method: 'HEAD', path: '/pets/{petId}' }),
        expect.objectContaining({
          method: 'POST',
          path: '/upload',
          reason: expect.stringContaining('multipart/form-data'),
        }),
      ]),
    );
    const listed = await t.app.inject({
      url: `${API}/connections/${connection.id}/endpoints`,
      headers: tenant.headers,
    });
    expect(listed.json().meta.total).toBe(3);
  });

  it('imports a Swagger 2 JSON document into an existing connection', async () => {
    const tenant = await t.createTenant();
    const existing = await createConnectionVia(t, tenant.headers, { baseUrl: 'https://mine.example.com' });
    const res = await importSpec(tenant.headers, {
      spec: JSON.stringify(swagger2),
      connectionId: existing.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    const { connection, endpoints, skipped } = res.json().data;
    expect(connection.id).toBe(existing.id);
    const get = endpoints.find((e: { method: string }) => e.method === 'GET');
    expect(get).toMatchObject({
      name: 'Order status',
      path: '/orders/{order-id}',
      queryParams: { since: '{since}' },
      headers: { 'X-Tenant': '{X-Tenant}' },
      fields: [
        { name: 'order-id', type: 'string', required: true, pattern: '^[0-9]+$' },
        { name: 'since', type: 'date' },
        { name: 'X-Tenant', type: 'string' },
      ],
    });
    const put = endpoints.find((e: { method: string }) => e.method === 'PUT');
    expect(JSON.parse(put.bodyTemplate)).toEqual({ note: '{note}', rush: '{rush}' });
    expect(put.fields.map((f: { name: string; type: string }) => `${f.name}:${f.type}`)).toEqual([
      'order-id:string',
      'note:string',
      'rush:boolean',
    ]);
    expect(skipped).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/files',
        reason: expect.stringContaining('form-data'),
      }),
    ]);
  });

  it('builds the connection from Swagger 2 host, basePath and https, with basic auth placeholders', async () => {
    const tenant = await t.createTenant();
    const res = await importSpec(tenant.headers, { spec: JSON.stringify(swagger2) });
    expect(res.json().data.connection).toMatchObject({
      name: 'Legacy Orders',
      baseUrl: 'https://orders.example.com/api',
      auth: { type: 'basic' },
    });
    expect(res.json().data.notes[0]).toContain('REPLACE_ME');
    const withAuth = await importSpec(tenant.headers, {
      spec: JSON.stringify(swagger2),
      auth: { type: 'bearer', token: 'given-token-1234' },
    });
    expect(withAuth.json().data.connection.auth).toEqual({ type: 'bearer', token: '****1234' });
  });

  it('fetches a spec URL through the guarded fetch, resolving a relative server URL', async () => {
    const tenant = await t.createTenant();
    const res = await importSpec(tenant.headers, { spec: `${upstream.origin}/openapi.yaml` });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().data.connection.baseUrl).toBe(`${upstream.origin}/served/v1`);
    const logs = await t.app.inject({ url: `${API}/call-logs`, headers: tenant.headers });
    expect(logs.json().data[0]).toMatchObject({
      source: 'import',
      url: `${upstream.origin}/openapi.yaml`,
      ok: true,
    });
  });

  it('a spec URL the SSRF policy blocks is bad input: 400 with the reason, nothing fetched', async () => {
    const tenant = await t.createTenant();
    const before = upstream.requests.length;
    for (const spec of [
      `http://127.0.0.1:${canaryPort}/openapi.json`,
      'http://169.254.169.254/latest/meta-data',
    ]) {
      const blocked = await importSpec(tenant.headers, { spec });
      expect(blocked.statusCode, spec).toBe(400);
      expect(blocked.json().error).toMatchObject({
        code: 'VALIDATION_ERROR',
        message: expect.stringMatching(/^Could not fetch the spec: blocked: .*PARLEY_OUTBOUND_ALLOW/),
        details: [{ path: 'body.spec', message: expect.stringContaining('blocked') }],
      });
    }
    expect(upstream.requests.length).toBe(before);
    const listed = await t.app.inject({ url: `${API}/connections`, headers: tenant.headers });
    expect(listed.json().meta.total).toBe(0);
  });

  it('accepts the document as a JSON object as well as text', async () => {
    const tenant = await t.createTenant();
    const res = await importSpec(tenant.headers, { spec: structuredClone(swagger2) });
    expect(res.statusCode, res.body).toBe(201);
    const { connection, endpoints } = res.json().data;
    expect(connection).toMatchObject({ name: 'Legacy Orders', baseUrl: 'https://orders.example.com/api' });
    expect(endpoints.map((e: { method: string }) => e.method).sort()).toEqual(['GET', 'PUT']);
    for (const spec of [{ not: 'openapi' }, 42, ['openapi']]) {
      const bad = await importSpec(tenant.headers, { spec });
      expect(bad.statusCode, JSON.stringify(spec)).toBe(400);
      expect(bad.json().error.code).toBe('VALIDATION_ERROR');
    }
  });

  it('skips form-encoded bodies with the reason, and says where an array became a text field', async () => {
    const tenant = await t.createTenant();
    const res = await importSpec(tenant.headers, {
      spec: {
        openapi: '3.1.0',
        info: { title: 'Shop', version: '1' },
        servers: [{ url: 'https://shop.example.com' }],
        paths: {
          '/login': {
            post: {
              requestBody: {
                content: {
                  'application/x-www-form-urlencoded': {
                    schema: { type: 'object', properties: { user: { type: 'string' } } },
                  },
                },
              },
              responses: { 200: { description: 'ok' } },
            },
          },
          '/orders': {
            post: {
              summary: 'Create an order',
              parameters: [
                { name: 'ids', in: 'query', schema: { type: 'array', items: { type: 'integer' } } },
              ],
              requestBody: {
                content: {
                  'application/json': {
                    schema: {
                      type: 'object',
                      properties: {
                        sku: { type: 'string' },
                        tags: { type: 'array', items: { type: 'string' }, description: 'Labels' },
                      },
                    },
                  },
                },
              },
              responses: { 201: { description: 'created' } },
            },
          },
        },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { endpoints, skipped } = res.json().data;
    expect(skipped).toEqual([
      {
        method: 'POST',
        path: '/login',
        reason: expect.stringMatching(/application\/x-www-form-urlencoded .*not supported.*JSON/),
      },
    ]);
    expect(endpoints).toHaveLength(1);
    expect(JSON.parse(endpoints[0].bodyTemplate)).toEqual({ sku: '{sku}', tags: '{tags}' });
    expect(endpoints[0].fields).toEqual([
      expect.objectContaining({
        name: 'ids',
        type: 'string',
        description: expect.stringContaining('The API expects an array; this field is text'),
      }),
      expect.objectContaining({ name: 'sku', type: 'string', description: '' }),
      expect.objectContaining({
        name: 'tags',
        type: 'string',
        description: 'Labels (The API expects an array; this field is text and is sent as a string.)',
      }),
    ]);
  });

  it('rejects what is not an OpenAPI document, and another tenant’s connection', async () => {
    const tenant = await t.createTenant();
    for (const spec of ['{"not": "openapi"}', 'just: [yaml', '[1,2]', 'openapi: 3.0.0\npaths: 5']) {
      const res = await importSpec(tenant.headers, { spec });
      expect(res.statusCode, spec).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_ERROR');
    }
    const noServer = await importSpec(tenant.headers, {
      spec: 'openapi: 3.0.0\ninfo: {title: x, version: "1"}\npaths: {}',
    });
    expect(noServer.statusCode).toBe(400);
    expect(noServer.json().error.message).toContain('connectionId');
    const other = await t.createTenant('Other');
    const theirs = await createConnectionVia(t, other.headers, { baseUrl: 'https://theirs.example.com' });
    const res = await importSpec(tenant.headers, { spec: petstoreYaml, connectionId: theirs.id });
    expect(res.statusCode).toBe(404);
  });

  it('does not resolve external $refs', async () => {
    const tenant = await t.createTenant();
    const spec = JSON.stringify({
      openapi: '3.0.0',
      info: { title: 'Refs', version: '1' },
      servers: [{ url: 'https://refs.example.com' }],
      paths: {
        '/a': {
          post: {
            requestBody: {
              content: {
                'application/json': { schema: { $ref: `http://127.0.0.1:${upstream.port}/evil.json` } },
              },
            },
            responses: { 200: { description: 'ok' } },
          },
        },
        '/b': { get: { parameters: [{ $ref: '/etc/passwd' }], responses: { 200: { description: 'ok' } } } },
      },
    });
    const before = upstream.requests.length;
    const res = await importSpec(tenant.headers, { spec });
    expect(res.statusCode, res.body).toBe(201);
    expect(upstream.requests.length).toBe(before);
  });
});
