import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllowList } from './address-policy.ts';
import { createGuardedFetch, type GuardedFetch } from './guarded-fetch.ts';
import { OutboundError } from './outbound-error.ts';
import {
  fakeLookup,
  freePort,
  type RecordedRequest,
  startTestServer,
  type TestServer,
} from './test-server.ts';

// `api` and `other` are two origins the operator allowed; `canary` is not
// allowed and must never be reached, not even through a redirect.
let api: TestServer;
let other: TestServer;
let canary: TestServer;
let guardedFetch: GuardedFetch & { close(): Promise<void> };
let endlessClosed: Promise<void>;
let markEndlessClosed: () => void;

function route(req: IncomingMessage, res: ServerResponse, recorded: RecordedRequest): void {
  const url = new URL(req.url ?? '/', 'http://x');
  const to = url.searchParams.get('to');
  const status = Number(url.searchParams.get('status') ?? 302);
  const [, name, arg] = url.pathname.split('/');
  switch (name) {
    case 'echo':
      res.setHeader('X-Mixed-Case', 'yes');
      res.setHeader('Set-Cookie', ['a=1', 'b=2']);
      res.end(JSON.stringify({ method: recorded.method, body: recorded.body, headers: recorded.headers }));
      return;
    case 'redirect':
      res.writeHead(status, { location: to ?? '/echo' }).end();
      return;
    case 'chain': {
      const left = Number(arg);
      res.writeHead(302, { location: left > 1 ? `/chain/${left - 1}` : '/echo' }).end();
      return;
    }
    case 'loop':
      res.writeHead(301, { location: '/loop' }).end();
      return;
    case 'hang':
      return; // headers never come
    case 'slow-body':
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial');
      return; // body never ends
    case 'big':
      res.writeHead(200, { 'content-length': String(Number(arg)) });
      res.end(Buffer.alloc(Number(arg), 'x'));
      return;
    case 'endless': {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(16 * 1024, 'y');
      const timer = setInterval(() => res.write(chunk), 1);
      req.socket.on('close', () => {
        clearInterval(timer);
        markEndlessClosed();
      });
      return;
    }
    case 'reset':
      req.socket.destroy();
      return;
    default:
      res.writeHead(404).end('no such route');
  }
}

beforeAll(async () => {
  endlessClosed = new Promise((resolve) => {
    markEndlessClosed = resolve;
  });
  [api, other, canary] = await Promise.all([
    startTestServer(route),
    startTestServer(route),
    startTestServer(),
  ]);
  guardedFetch = createGuardedFetch({
    allow: parseAllowList(`127.0.0.1:${api.port}, 127.0.0.1:${other.port}, api-by-name.test:${other.port}`),
    lookup: fakeLookup({
      localhost: ['127.0.0.1', '::1'],
      'api.test': ['127.0.0.1'],
      'api-by-name.test': ['127.0.0.1'],
    }),
    maxBodyBytes: 64 * 1024,
  });
});

afterAll(async () => {
  await guardedFetch.close();
  await Promise.all([api.close(), other.close(), canary.close()]);
});

const json = (body: Buffer) => JSON.parse(body.toString('utf8'));
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (err: unknown) => (err instanceof OutboundError ? err.code : `not an OutboundError: ${String(err)}`),
  );

describe('allowed calls', () => {
  it('returns status, lowercase headers, body, final URL and timing', async () => {
    const res = await guardedFetch({ method: 'GET', url: `${api.origin}/echo?q=1` });
    expect(res.status).toBe(200);
    expect(res.headers['x-mixed-case']).toBe('yes');
    expect(res.headers['set-cookie']).toBe('a=1, b=2');
    expect(Object.keys(res.headers).every((name) => name === name.toLowerCase())).toBe(true);
    expect(json(res.body).headers['user-agent']).toBe('Parley');
    expect(res.url).toBe(`${api.origin}/echo?q=1`);
    expect(res.redirects).toBe(0);
    expect(res.durationMs).toBeGreaterThanOrEqual(0);
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('really sends %s with its body', async (method) => {
    const res = await guardedFetch({
      method,
      url: `${api.origin}/echo`,
      headers: { 'Content-Type': 'application/json' },
      body: `{"via":"${method}"}`,
    });
    const seen = json(res.body);
    expect(seen.method).toBe(method);
    expect(seen.body).toBe(`{"via":"${method}"}`);
    expect(seen.headers['content-type']).toBe('application/json');
  });

  it('sends a Uint8Array body and normalises a lowercase method', async () => {
    const res = await guardedFetch({
      method: 'post',
      url: `${api.origin}/echo`,
      body: new TextEncoder().encode('bytes'),
    });
    expect(json(res.body)).toMatchObject({ method: 'POST', body: 'bytes' });
  });

  it('reaches an allowed address through a resolved name, and a name allowed as host:port', async () => {
    expect((await guardedFetch({ method: 'GET', url: `http://api.test:${api.port}/echo` })).status).toBe(200);
    expect(
      (await guardedFetch({ method: 'GET', url: `http://api-by-name.test:${other.port}/echo` })).status,
    ).toBe(200);
  });

  // undici may open a second connection while the first is still finishing its
  // previous response; after that the two are reused (raw undici does the same).
  it('reuses keep-alive connections for calls to the same origin', async () => {
    const solo = await startTestServer(route);
    const client = createGuardedFetch({ allow: parseAllowList(`127.0.0.1:${solo.port}`) });
    try {
      for (let i = 0; i < 10; i++) await client({ method: 'GET', url: `${solo.origin}/echo` });
      expect(solo.connections).toBeLessThanOrEqual(2);
    } finally {
      await client.close();
      await solo.close();
    }
  });

  it('allows localhost:PORT entries for the loopback addresses', async () => {
    const client = createGuardedFetch({
      allow: parseAllowList(`localhost:${api.port}`),
      lookup: fakeLookup({ localhost: ['127.0.0.1'] }),
    });
    try {
      expect((await client({ method: 'GET', url: `http://localhost:${api.port}/echo` })).status).toBe(200);
      expect(await codeOf(client({ method: 'GET', url: `http://localhost:${canary.port}/` }))).toBe(
        'BLOCKED',
      );
    } finally {
      await client.close();
    }
  });
});

describe('redirects', () => {
  it('follows up to 3 redirects and reports them', async () => {
    const res = await guardedFetch({ method: 'GET', url: `${api.origin}/chain/3` });
    expect(res.status).toBe(200);
    expect(res.redirects).toBe(3);
    expect(res.url).toBe(`${api.origin}/echo`);
  });

  it('refuses a fourth redirect, a loop, and any redirect when maxRedirects is 0', async () => {
    expect(await codeOf(guardedFetch({ method: 'GET', url: `${api.origin}/chain/4` }))).toBe(
      'TOO_MANY_REDIRECTS',
    );
    await expect(guardedFetch({ method: 'GET', url: `${api.origin}/loop` })).rejects.toThrow(
      'more than 3 redirects',
    );
    const noFollow = guardedFetch({ method: 'GET', url: `${api.origin}/chain/1`, maxRedirects: 0 });
    expect(await codeOf(noFollow)).toBe('TOO_MANY_REDIRECTS');
    // Where no redirect is followed (OAuth2 token URLs), the message says so, not "more than 0".
    const refused = await guardedFetch({
      method: 'GET',
      url: `${api.origin}/chain/1`,
      maxRedirects: 0,
    }).catch((error: Error) => error);
    expect((refused as Error).message).toMatch(
      /answered with a redirect \(to .*\), which is not followed here/,
    );
  });

  it.each([
    [303, 'POST', 'GET', ''],
    [303, 'PUT', 'GET', ''],
    [302, 'POST', 'GET', ''],
    [301, 'POST', 'GET', ''],
    [307, 'POST', 'POST', 'payload'],
    [308, 'PUT', 'PUT', 'payload'],
    [302, 'PUT', 'PUT', 'payload'],
  ])('%i after %s continues as %s', async (status, method, expectedMethod, expectedBody) => {
    const url = `${api.origin}/redirect?status=${status}&to=/echo`;
    const res = await guardedFetch({
      method,
      url,
      headers: { 'content-type': 'text/plain' },
      body: 'payload',
    });
    const seen = json(res.body);
    expect(seen.method).toBe(expectedMethod);
    expect(seen.body).toBe(expectedBody);
    expect(seen.headers['content-type']).toBe(expectedBody ? 'text/plain' : undefined);
  });

  it('keeps credentials on a same-origin redirect', async () => {
    const res = await guardedFetch({
      method: 'GET',
      url: `${api.origin}/redirect?to=/echo`,
      headers: { authorization: 'Bearer same-origin', 'x-api-key': 'k1' },
    });
    expect(json(res.body).headers).toMatchObject({ authorization: 'Bearer same-origin', 'x-api-key': 'k1' });
  });

  it('drops credentials and custom headers on a cross-origin redirect', async () => {
    const before = other.requests.length;
    const res = await guardedFetch({
      method: 'POST',
      url: `${api.origin}/redirect?status=307&to=${encodeURIComponent(`${other.origin}/echo`)}`,
      headers: {
        Authorization: 'Bearer top-secret',
        'X-Api-Key': 'key-123',
        'X-Shop-Token': 'tok-456',
        Cookie: 'session=abc',
        Accept: 'application/json',
        'Content-Type': 'application/json',
      },
      body: '{"order":4521}',
    });
    expect(res.url).toBe(`${other.origin}/echo`);
    const received = other.requests.slice(before);
    expect(received).toHaveLength(1);
    const headers = received[0].headers;
    for (const name of ['authorization', 'x-api-key', 'x-shop-token', 'cookie'])
      expect(headers[name]).toBeUndefined();
    expect(headers).toMatchObject({ accept: 'application/json', 'content-type': 'application/json' });
    expect(received[0].body).toBe('{"order":4521}');
    expect(JSON.stringify(received[0])).not.toMatch(/top-secret|key-123|tok-456|session=abc/);
  });

  it.each([
    ['the same IP on a port that is not allowed', (p: number) => `http://127.0.0.1:${p}/`],
    ['another loopback address', (p: number) => `http://127.0.0.2:${p}/`],
    ['IPv6 loopback', (p: number) => `http://[::1]:${p}/`],
    ['a decimal loopback', (p: number) => `http://2130706433:${p}/`],
    ['localhost', (p: number) => `http://localhost:${p}/`],
    ['cloud metadata', () => 'http://169.254.169.254/latest/meta-data/'],
  ])('blocks a redirect from an allowed server to %s', async (_name, target) => {
    const url = `${api.origin}/redirect?to=${encodeURIComponent(target(canary.port))}`;
    expect(await codeOf(guardedFetch({ method: 'GET', url, headers: { authorization: 'Bearer x' } }))).toBe(
      'BLOCKED',
    );
    expect(canary.requests).toEqual([]);
    expect(canary.connections).toBe(0);
  });

  it('refuses a header value it cannot send, saying which character (a line break, or text beyond Latin-1)', async () => {
    const refusal = (value: string) =>
      guardedFetch({ method: 'GET', url: `${api.origin}/`, headers: { authorization: value } }).catch(
        (error: Error & { code: string }) => `${error.code}: ${error.message}`,
      );
    expect(await refusal('Bearer a\r\nX-Injected: 1')).toBe(
      'INVALID_REQUEST: header "authorization" contains a CR, LF, NUL or other control character',
    );
    expect(await refusal('Bearer sk-…')).toBe(
      'INVALID_REQUEST: header "authorization" contains "…", which cannot be sent in an HTTP header (only Latin-1 characters can)',
    );
  });

  it('refuses a redirect to another scheme', async () => {
    const url = `${api.origin}/redirect?to=${encodeURIComponent('file:///etc/passwd')}`;
    expect(await codeOf(guardedFetch({ method: 'GET', url }))).toBe('INVALID_URL');
  });
});

describe('limits and failures', () => {
  it('times out a server that never answers, within the per-call timeoutMs', async () => {
    expect(await codeOf(guardedFetch({ method: 'GET', url: `${api.origin}/hang`, timeoutMs: 300 }))).toBe(
      'TIMEOUT',
    );
  });

  it('times out a body that never ends, and names the setting', async () => {
    const error = await guardedFetch({ method: 'GET', url: `${api.origin}/slow-body`, timeoutMs: 300 }).catch(
      (e) => e,
    );
    expect(error).toMatchObject({ code: 'TIMEOUT' });
    expect(error.message).toBe(
      "timed out after 300 ms (an endpoint's timeoutMs, at most PARLEY_OUTBOUND_TIMEOUT_MS)",
    );
  });

  it('treats the instance timeout as a ceiling a call cannot raise', async () => {
    const client = createGuardedFetch({ allow: parseAllowList(`127.0.0.1:${api.port}`), timeoutMs: 300 });
    try {
      expect(await codeOf(client({ method: 'GET', url: `${api.origin}/hang`, timeoutMs: 600_000 }))).toBe(
        'TIMEOUT',
      );
    } finally {
      await client.close();
    }
  });

  it('refuses a declared body over maxBodyBytes', async () => {
    const error = await guardedFetch({
      method: 'GET',
      url: `${api.origin}/big/2000`,
      maxBodyBytes: 1000,
    }).catch((e) => e);
    expect(error).toMatchObject({ code: 'TOO_LARGE' });
    expect(error.message).toMatch(/^response larger than 1000 bytes \(PARLEY_OUTBOUND_MAX_BYTES\)/);
    const fits = await guardedFetch({ method: 'GET', url: `${api.origin}/big/1000`, maxBodyBytes: 1000 });
    expect(fits.body.length).toBe(1000);
  });

  it('does not count the declared length of a HEAD response against the cap', async () => {
    const res = await guardedFetch({ method: 'HEAD', url: `${api.origin}/big/2000`, maxBodyBytes: 1000 });
    expect(res.headers['content-length']).toBe('2000');
    expect(res.body.length).toBe(0);
  });

  it('covers DNS with the same deadline', async () => {
    const client = createGuardedFetch({
      allow: parseAllowList(`127.0.0.1:${api.port}`),
      lookup: () => {},
      timeoutMs: 300,
    });
    try {
      expect(await codeOf(client({ method: 'GET', url: `http://never-answers.test:${api.port}/` }))).toBe(
        'TIMEOUT',
      );
    } finally {
      await client.close();
    }
  });

  it('aborts a streamed body as soon as it passes the cap, closing the connection', async () => {
    expect(await codeOf(guardedFetch({ method: 'GET', url: `${api.origin}/endless` }))).toBe('TOO_LARGE');
    await endlessClosed; // the server saw its socket closed: nothing more is downloaded
  });

  it('reports a connection reset and a refused connection as NETWORK', async () => {
    expect(await codeOf(guardedFetch({ method: 'GET', url: `${api.origin}/reset` }))).toBe('NETWORK');
    const port = await freePort();
    const client = createGuardedFetch({ allow: parseAllowList(`127.0.0.1:${port}`) });
    try {
      expect(await codeOf(client({ method: 'GET', url: `http://127.0.0.1:${port}/` }))).toBe('NETWORK');
    } finally {
      await client.close();
    }
  });

  it('reports an unknown host as NETWORK', async () => {
    expect(await codeOf(guardedFetch({ method: 'GET', url: 'http://unknown.test/' }))).toBe('NETWORK');
  });
});

describe('invalid input never escapes as a TypeError', () => {
  it.each([
    ['CR/LF in a header value', { headers: { 'x-api-key': 'k\r\nX-Injected: 1' } }],
    ['LF alone', { headers: { authorization: 'Bearer a\nb' } }],
    ['NUL', { headers: { 'x-key': 'a\u0000b' } }],
    ['a header name with a space', { headers: { 'x key': 'v' } }],
    ['an overridden Host', { headers: { Host: 'internal.example' } }],
    ['Transfer-Encoding', { headers: { 'transfer-encoding': 'chunked' } }],
    ['a non-string header value', { headers: { 'x-n': 1 as unknown as string } }],
    ['an unknown method', { method: 'TRACE' }],
    ['a method with CRLF', { method: 'GET\r\n' }],
    ['an object body', { body: { a: 1 } as unknown as string }],
    ['a negative timeout', { timeoutMs: -1 }],
    ['a fractional maxBodyBytes', { maxBodyBytes: 1.5 }],
  ])('%s → INVALID_REQUEST', async (_name, overrides) => {
    const request = { method: 'GET', url: `${api.origin}/echo`, ...overrides };
    expect(await codeOf(guardedFetch(request))).toBe('INVALID_REQUEST');
  });

  it.each([
    'ftp://example.com/file',
    'file:///etc/passwd',
    'gopher://127.0.0.1:70/',
    'javascript:alert(1)',
    'not a url',
    '/relative/path',
    'http://user:pass@example.com/',
  ])('%s → INVALID_URL', async (url) => {
    expect(await codeOf(guardedFetch({ method: 'GET', url }))).toBe('INVALID_URL');
  });

  it('sent nothing to the canary', () => {
    expect(canary.requests).toEqual([]);
    expect(canary.connections).toBe(0);
  });
});
