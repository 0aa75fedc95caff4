import type { LookupAddress } from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllowList } from './address-policy.ts';
import { checkConnectedSocket } from './guarded-connector.ts';
import { createGuardedFetch } from './guarded-fetch.ts';
import { createGuardedLookup } from './guarded-lookup.ts';
import { OutboundError } from './outbound-error.ts';
import { fakeLookup, startTestServer, type TestServer } from './test-server.ts';

// A canary on loopback: nothing in this file may ever reach it, whatever the
// URL looks like. Without an allow list every form below must fail BLOCKED.
let canary: TestServer;
let P: number;

const dns = fakeLookup({
  localhost: ['127.0.0.1', '::1'],
  'internal.example': ['127.0.0.1'],
  'mixed.example': ['93.184.216.34', '10.0.0.1'],
  'mapped.example': ['::ffff:127.0.0.1'],
  'nat64.example': ['64:ff9b::a9fe:a9fe'],
  'metadata.google.internal': ['169.254.169.254'],
  'zero.example': ['0.0.0.0'],
  'v6-loopback.example': ['::1'],
});
const legacyDns = fakeLookup({ 'legacy.example': ['127.0.0.1'] }, 'legacy');

const guardedFetch = createGuardedFetch({ lookup: dns });
const legacyFetch = createGuardedFetch({ lookup: legacyDns });

beforeAll(async () => {
  canary = await startTestServer();
  P = canary.port;
});

afterAll(async () => {
  await Promise.all([guardedFetch.close(), legacyFetch.close(), canary.close()]);
});

const blockedForms: Array<[string, (port: number) => string]> = [
  ['plain loopback', (p) => `http://127.0.0.1:${p}/`],
  ['decimal', (p) => `http://2130706433:${p}/`],
  ['octal', (p) => `http://0177.0.0.1:${p}/`],
  ['octal short', (p) => `http://0177.1:${p}/`],
  ['hex dotted', (p) => `http://0x7f.0x0.0x0.0x1:${p}/`],
  ['hex whole', (p) => `http://0x7f000001:${p}/`],
  ['short 127.1', (p) => `http://127.1:${p}/`],
  ['short 127.0.1', (p) => `http://127.0.1:${p}/`],
  ['trailing dot', (p) => `http://127.0.0.1.:${p}/`],
  ['percent-encoded host', (p) => `http://%31%32%37.0.0.1:${p}/`],
  ['other loopback 127.0.0.2', (p) => `http://127.0.0.2:${p}/`],
  ['0.0.0.0', (p) => `http://0.0.0.0:${p}/`],
  ['0', (p) => `http://0:${p}/`],
  ['IPv6 loopback', (p) => `http://[::1]:${p}/`],
  ['IPv6 unspecified', (p) => `http://[::]:${p}/`],
  ['IPv4-mapped dotted', (p) => `http://[::ffff:127.0.0.1]:${p}/`],
  ['IPv4-mapped hex', (p) => `http://[::ffff:7f00:1]:${p}/`],
  ['IPv4-mapped long form', (p) => `http://[0:0:0:0:0:ffff:127.0.0.1]:${p}/`],
  ['IPv4-mapped unspecified', (p) => `http://[::ffff:0.0.0.0]:${p}/`],
  ['IPv4-compatible', (p) => `http://[::127.0.0.1]:${p}/`],
  ['NAT64 well-known prefix', (p) => `http://[64:ff9b::127.0.0.1]:${p}/`],
  ['NAT64 local-use prefix', (p) => `http://[64:ff9b:1::7f00:1]:${p}/`],
  ['6to4', (p) => `http://[2002:7f00:1::]:${p}/`],
  ['Teredo', (p) => `http://[2001:0:4136:e378:8000:63bf:80ff:fffe]:${p}/`],
  ['AWS/GCP metadata', () => 'http://169.254.169.254/latest/meta-data/'],
  ['AWS metadata IPv6', () => 'http://[fd00:ec2::254]/latest/meta-data/'],
  ['Azure WireServer', () => 'http://168.63.129.16/'],
  ['Alibaba metadata', () => 'http://100.100.100.200/latest/meta-data/'],
  ['metadata through IPv4-mapped', () => 'http://[::ffff:a9fe:a9fe]/'],
  ['10/8', (p) => `http://10.0.0.5:${p}/`],
  ['172.16/12', (p) => `http://172.16.0.1:${p}/`],
  ['172.31 top of 172.16/12', () => 'http://172.31.255.254/'],
  ['192.168/16', (p) => `http://192.168.1.1:${p}/`],
  ['carrier-grade NAT', (p) => `http://100.64.0.1:${p}/`],
  ['benchmarking 198.18/15', () => 'http://198.18.0.1/'],
  ['TEST-NET 192.0.2/24', () => 'http://192.0.2.1/'],
  ['reserved 240/4', () => 'http://240.0.0.1/'],
  ['IPv6 unique-local fc00::/7', (p) => `http://[fc00::1]:${p}/`],
  ['IPv6 unique-local fd', () => 'http://[fd12:3456::1]/'],
  ['IPv6 link-local', (p) => `http://[fe80::1]:${p}/`],
  ['IPv6 site-local', () => 'http://[fec0::1]/'],
  ['IPv6 discard-only', () => 'http://[100::1]/'],
  ['IPv4 multicast', (p) => `http://224.0.0.1:${p}/`],
  ['IPv6 multicast', (p) => `http://[ff02::1]:${p}/`],
  ['broadcast', (p) => `http://255.255.255.255:${p}/`],
  ['https to loopback', (p) => `https://127.0.0.1:${p}/`],
  ['localhost', (p) => `http://localhost:${p}/`],
  ['LOCALHOST upper-case', (p) => `http://LOCALHOST:${p}/`],
  ['name resolving to loopback', (p) => `http://internal.example:${p}/`],
  ['name with one public and one private answer', (p) => `http://mixed.example:${p}/`],
  ['name resolving to ::ffff:127.0.0.1', (p) => `http://mapped.example:${p}/`],
  ['name resolving to NAT64 metadata', () => 'http://nat64.example/'],
  ['name resolving to metadata', () => 'http://metadata.google.internal/computeMetadata/v1/'],
  ['name resolving to 0.0.0.0', (p) => `http://zero.example:${p}/`],
  ['name resolving to ::1', (p) => `http://v6-loopback.example:${p}/`],
];

describe('guardedFetch without an allow list', () => {
  it('covers at least 40 blocked URL forms', () => {
    expect(blockedForms.length).toBeGreaterThanOrEqual(40);
  });

  it.each(blockedForms)('blocks %s', async (_name, build) => {
    const error = await guardedFetch({ method: 'GET', url: build(P) }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(OutboundError);
    expect(error).toMatchObject({ code: 'BLOCKED' });
    expect((error as OutboundError).message).toMatch(
      /^blocked: .+; an operator can allow it with PARLEY_OUTBOUND_ALLOW$/,
    );
  });

  it('blocks a POST with a body and credentials too', async () => {
    const request = {
      method: 'POST',
      url: `http://127.0.0.1:${P}/`,
      headers: { authorization: 'Bearer secret', 'content-type': 'application/json' },
      body: '{"a":1}',
    };
    await expect(guardedFetch(request)).rejects.toMatchObject({ code: 'BLOCKED' });
  });

  it('blocks names answered in the single-address callback shape', async () => {
    await expect(legacyFetch({ method: 'GET', url: `http://legacy.example:${P}/` })).rejects.toMatchObject({
      code: 'BLOCKED',
    });
  });

  it('blocks localhost through the real resolver', async () => {
    const realDns = createGuardedFetch();
    try {
      await expect(realDns({ method: 'GET', url: `http://localhost:${P}/` })).rejects.toMatchObject({
        code: 'BLOCKED',
      });
    } finally {
      await realDns.close();
    }
  });

  it('tells the tenant why, but gives visitors no address or port', async () => {
    const error = (await guardedFetch({ method: 'GET', url: `http://10.0.0.5:${P}/` }).catch(
      (e) => e,
    )) as OutboundError;
    expect(error.message).toBe(
      'blocked: 10.0.0.5 is a private address; an operator can allow it with PARLEY_OUTBOUND_ALLOW',
    );
    expect(error.publicMessage).not.toMatch(/10\.0|\d{2,}|:/);
    const viaDns = (await guardedFetch({ method: 'GET', url: `http://mixed.example:${P}/` }).catch(
      (e) => e,
    )) as Error;
    expect(viaDns.message).toContain('10.0.0.1 is a private address (resolved from mixed.example)');
  });

  it('sent nothing to the canary: no request and not even a TCP connection', () => {
    expect(canary.requests).toEqual([]);
    expect(canary.connections).toBe(0);
  });
});

describe('guarded lookup', () => {
  const ask = (lookup: ReturnType<typeof fakeLookup>, host: string, all: boolean) =>
    new Promise<{ err: Error | null; answer: unknown; family?: number }>((resolve) => {
      createGuardedLookup(lookup, parseAllowList(''), 80)(host, { all }, (err, answer, family) =>
        resolve({ err, answer, family }),
      );
    });

  it('hands on every checked answer when asked for all', async () => {
    const lookup = fakeLookup({ 'api.example': ['93.184.216.34', '2606:2800:220:1::1'] });
    const { err, answer } = await ask(lookup, 'api.example', true);
    expect(err).toBeNull();
    expect((answer as LookupAddress[]).map((a) => a.address)).toEqual([
      '93.184.216.34',
      '2606:2800:220:1::1',
    ]);
  });

  it('answers in the single-address shape when not asked for all', async () => {
    const lookup = fakeLookup({ 'api.example': ['93.184.216.34'] }, 'legacy');
    expect(await ask(lookup, 'api.example', false)).toEqual({
      err: null,
      answer: '93.184.216.34',
      family: 4,
    });
  });

  it('refuses the whole name when any answer is blocked', async () => {
    const lookup = fakeLookup({ 'rebind.example': ['93.184.216.34', '127.0.0.1'] });
    const { err } = await ask(lookup, 'rebind.example', true);
    expect(err).toMatchObject({ code: 'BLOCKED' });
  });

  it('passes resolver errors through', async () => {
    const { err } = await ask(fakeLookup({}), 'nowhere.example', true);
    expect(err).toMatchObject({ code: 'ENOTFOUND' });
  });
});

describe('checkConnectedSocket, the last line', () => {
  const none = parseAllowList('');

  it('refuses a socket whose peer is internal (0.0.0.0 shows up as 127.0.0.1)', () => {
    const error = checkConnectedSocket({ remoteAddress: '127.0.0.1', remotePort: 80 }, 'example.com', none);
    expect(error).toMatchObject({ code: 'BLOCKED' });
    expect(error?.message).toContain('127.0.0.1 is a loopback address (reached through example.com)');
  });

  it('refuses a socket without a peer address', () => {
    const error = checkConnectedSocket(
      { remoteAddress: undefined, remotePort: undefined },
      'example.com',
      none,
    );
    expect(error).toMatchObject({ code: 'BLOCKED' });
  });

  it('accepts a public peer, and an internal one the operator allowed on that port', () => {
    expect(
      checkConnectedSocket({ remoteAddress: '93.184.216.34', remotePort: 443 }, 'a.example', none),
    ).toBeNull();
    const allow = parseAllowList('127.0.0.1:4010');
    expect(
      checkConnectedSocket({ remoteAddress: '::ffff:127.0.0.1', remotePort: 4010 }, 'x', allow),
    ).toBeNull();
    expect(checkConnectedSocket({ remoteAddress: '127.0.0.1', remotePort: 4011 }, 'x', allow)).not.toBeNull();
  });
});
