import { describe, expect, it } from 'vitest';
import { type RenderableEndpoint, type RenderRequestInput, renderRequest } from './render-request.ts';

const base = 'https://api.shop.com/v2';

function render(
  endpoint: Partial<RenderableEndpoint>,
  variables: Record<string, unknown>,
  extra: Partial<RenderRequestInput> = {},
) {
  return renderRequest({
    baseUrl: base,
    endpoint: { method: 'GET', path: '', ...endpoint },
    variables,
    ...extra,
  });
}

function urlOf(endpoint: Partial<RenderableEndpoint>, variables: Record<string, unknown>): string {
  const result = render(endpoint, variables);
  if (!result.ok) throw new Error(`expected a request, got: ${result.error.message}`);
  return result.request.url;
}

describe('renderRequest: base URL and path joining', () => {
  it('joins base path and endpoint path with one slash', () => {
    expect(urlOf({ path: '/orders/{id}' }, { id: 42 })).toBe('https://api.shop.com/v2/orders/42');
    expect(
      renderRequest({
        baseUrl: `${base}/`,
        endpoint: { method: 'GET', path: '/orders/{id}' },
        variables: { id: '42' },
      }),
    ).toMatchObject({ ok: true, request: { url: 'https://api.shop.com/v2/orders/42' } });
    expect(
      renderRequest({
        baseUrl: 'https://api.shop.com',
        endpoint: { method: 'GET', path: '/orders' },
        variables: {},
      }),
    ).toMatchObject({ request: { url: 'https://api.shop.com/orders' } });
  });

  it('calls the base URL itself for an empty path and keeps its query string', () => {
    expect(urlOf({ path: '' }, {})).toBe('https://api.shop.com/v2');
    const result = renderRequest({
      baseUrl: 'https://api.shop.com/v2?tenant=7',
      endpoint: { method: 'GET', path: '/orders', queryParams: { lang: '{language}' } },
      variables: { language: 'en' },
    });
    expect(result).toMatchObject({ request: { url: 'https://api.shop.com/v2/orders?tenant=7&lang=en' } });
  });

  it('renders the SPEC §6 example', () => {
    const result = render(
      {
        path: '/orders/{orderId}',
        queryParams: { lang: '{language}' },
        headers: { 'Accept-Language': '{language}' },
      },
      { orderId: '4521', language: 'de' },
    );
    expect(result).toEqual({
      ok: true,
      request: {
        method: 'GET',
        url: 'https://api.shop.com/v2/orders/4521?lang=de',
        headers: { 'Accept-Language': 'de' },
      },
    });
  });

  it('reads dotted variable names as plain keys', () => {
    expect(
      urlOf(
        { path: '/users/{visitor.email}/orders/{match.1}' },
        { 'visitor.email': 'a@b.co', 'match.1': '7' },
      ),
    ).toBe('https://api.shop.com/v2/users/a%40b.co/orders/7');
  });
});

describe('renderRequest: path variables cannot change the target', () => {
  it.each([
    ['a/b', 'https://api.shop.com/v2/orders/a%2Fb'],
    ['a%2Fb', 'https://api.shop.com/v2/orders/a%252Fb'],
    ['1?x=y', 'https://api.shop.com/v2/orders/1%3Fx%3Dy'],
    ['#frag', 'https://api.shop.com/v2/orders/%23frag'],
    ['@evil.example', 'https://api.shop.com/v2/orders/%40evil.example'],
    ['//evil.example', 'https://api.shop.com/v2/orders/%2F%2Fevil.example'],
  ])('encodes %s inside its segment', (value, expected) => {
    const url = urlOf({ path: '/orders/{id}' }, { id: value });
    expect(url).toBe(expected);
    expect(new URL(url).host).toBe('api.shop.com');
  });

  it.each(['..', '.', '../admin', '%2e%2e', '%2E%2e', '.%2e', '%252e%252e', 'a/../../admin', '..;'])(
    'refuses the dot-segment value %s, naming the variable',
    (value) => {
      const result = render({ path: '/orders/{id}/items' }, { id: value });
      expect(result).toMatchObject({ ok: false, error: { variable: 'id' } });
      expect(!result.ok && result.error.message).toContain('{id}');
    },
  );

  it('keeps the host when the value is placed right after the base path', () => {
    for (const value of ['@evil.example', '//evil.example', '\\evil.example', 'evil.example:443']) {
      const result = renderRequest({
        baseUrl: 'https://api.shop.com',
        endpoint: { method: 'GET', path: '/{x}' },
        variables: { x: value },
      });
      expect(result.ok && new URL(result.request.url).origin).toBe('https://api.shop.com');
    }
  });

  it('refuses a template path that climbs out of the base path or names another host', () => {
    expect(render({ path: '/../admin' }, {})).toMatchObject({
      ok: false,
      error: { message: "The rendered path leaves the connection's base URL" },
    });
    const doubleSlash = render({ path: '//evil.example/x' }, {});
    expect(doubleSlash.ok && new URL(doubleSlash.request.url).host).toBe('api.shop.com');
  });

  it('treats path variables as required, including empty strings', () => {
    expect(render({ path: '/orders/{id}' }, {})).toEqual({
      ok: false,
      error: { variable: 'id', message: 'Missing required variable {id} (used in the path)' },
    });
    expect(render({ path: '/orders/{id}' }, { id: '' })).toMatchObject({
      ok: false,
      error: { variable: 'id' },
    });
    expect(render({ path: '/orders/{id}' }, { id: null })).toMatchObject({
      ok: false,
      error: { variable: 'id' },
    });
  });

  it('answers a lone surrogate with an error naming the variable, never a throw', () => {
    for (const endpoint of [
      { path: '/x/{v}' },
      { queryParams: { q: '{v}' } },
      { headers: { 'X-V': '{v}' } },
    ]) {
      expect(render(endpoint, { v: 'a\uD800b' })).toMatchObject({ ok: false, error: { variable: 'v' } });
    }
  });

  it('rejects a base URL that is not http(s)', () => {
    expect(
      renderRequest({ baseUrl: 'file:///etc', endpoint: { method: 'GET', path: '' }, variables: {} }).ok,
    ).toBe(false);
    expect(
      renderRequest({ baseUrl: 'not a url', endpoint: { method: 'GET', path: '' }, variables: {} }).ok,
    ).toBe(false);
  });
});

describe('renderRequest: query parameters', () => {
  it('keeps a value with & and = as one encoded value', () => {
    const url = urlOf({ path: '/orders', queryParams: { id: '{id}' } }, { id: '1&admin=true' });
    expect(url).toBe('https://api.shop.com/v2/orders?id=1%26admin%3Dtrue');
    expect([...new URL(url).searchParams]).toEqual([['id', '1&admin=true']]);
  });

  it('omits a parameter whose optional variable is missing, keeps literal and empty given values', () => {
    const url = urlOf(
      { path: '/rooms', queryParams: { date: '{checkIn}', fixed: 'yes', q: '{q}', label: 'x-{missing}' } },
      { q: '' },
    );
    expect(url).toBe('https://api.shop.com/v2/rooms?fixed=yes&q=&label=x-');
  });

  it('fails before any call when a required variable used in the query is missing', () => {
    const result = render({ queryParams: { date: '{checkIn}' } }, {}, { requiredVariables: ['checkIn'] });
    expect(result).toEqual({
      ok: false,
      error: { variable: 'checkIn', message: 'Missing required variable {checkIn}' },
    });
  });
});

describe('renderRequest: headers', () => {
  it.each(['abc\r\nX-Admin: true', 'abc\nX', 'abc\rX', 'abc\0'])(
    'refuses CR/LF/NUL in %j, naming variable and header',
    (value) => {
      const result = render({ headers: { 'X-Customer': '{customer}' } }, { customer: value });
      expect(result).toMatchObject({ ok: false, error: { variable: 'customer' } });
      expect(!result.ok && result.error.message).toContain('X-Customer');
    },
  );

  it('refuses characters fetch cannot send in a header', () => {
    expect(render({ headers: { 'X-Name': '{name}' } }, { name: 'Łukasz' })).toMatchObject({
      ok: false,
      error: { variable: 'name' },
    });
    expect(render({ headers: { 'X-Name': '{name}' } }, { name: 'Zoë' })).toMatchObject({
      ok: true,
      request: { headers: { 'X-Name': 'Zoë' } },
    });
  });

  it('renders an absent optional variable as empty', () => {
    expect(render({ headers: { Authorization: 'Bearer {token}' } }, {})).toMatchObject({
      request: { headers: { Authorization: 'Bearer ' } },
    });
  });

  it('refuses an invalid header name', () => {
    expect(render({ headers: { 'Bad Header': 'x' } }, {})).toMatchObject({ ok: false });
  });
});

describe('renderRequest: body', () => {
  it('sends no body on GET and a JSON body with a content type otherwise', () => {
    const endpoint = { bodyTemplate: '{"email": "{email}"}' };
    const get = render(endpoint, { email: 'a@b.co' });
    expect(get).toEqual({ ok: true, request: { method: 'GET', url: base, headers: {} } });
    expect(get.ok && Object.hasOwn(get.request, 'body')).toBe(false);
    expect(render({ ...endpoint, method: 'POST' }, { email: 'a@b.co' })).toEqual({
      ok: true,
      request: {
        method: 'POST',
        url: base,
        headers: { 'Content-Type': 'application/json' },
        body: '{"email":"a@b.co"}',
      },
    });
  });

  it("keeps the endpoint's own content type", () => {
    const result = render(
      { method: 'PUT', headers: { 'content-type': 'application/vnd.api+json' }, bodyTemplate: '{}' },
      {},
    );
    expect(result).toMatchObject({
      request: { headers: { 'content-type': 'application/vnd.api+json' }, body: '{}' },
    });
  });

  it('fails before any call on a missing required variable in the body', () => {
    const result = render(
      { method: 'POST', bodyTemplate: '{"email": "{email}"}' },
      {},
      { requiredVariables: ['email'] },
    );
    expect(result).toMatchObject({ ok: false, error: { variable: 'email' } });
  });
});
