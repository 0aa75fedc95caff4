import { describe, expect, test } from 'vitest';
import { emptyAllowList, parseAllowList } from '../http/guarded-fetch/index.ts';
import { checkWebhookUrl, type ResolveHost } from './check-webhook-url.ts';

const resolver =
  (answers: Record<string, string[]>): ResolveHost =>
  async (host) => {
    const found = answers[host];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return found.map((address) => ({ address }));
  };

describe('checkWebhookUrl', () => {
  const dns = resolver({
    'hooks.example.com': ['93.184.216.34'],
    'internal.example.com': ['10.1.2.3'],
    'rebind.example.com': ['93.184.216.34', '127.0.0.1'],
    'v6.example.com': ['2606:4700::1111'],
  });

  test('accepts public targets and normalises the URL', async () => {
    expect(await checkWebhookUrl('https://hooks.example.com/in#frag', emptyAllowList, dns)).toEqual({
      ok: true,
      url: 'https://hooks.example.com/in',
    });
    expect((await checkWebhookUrl('http://v6.example.com/', emptyAllowList, dns)).ok).toBe(true);
    expect((await checkWebhookUrl('http://93.184.216.34:8080/', emptyAllowList, dns)).ok).toBe(true);
  });

  test('refuses names that resolve to an internal address, any of them', async () => {
    const internal = await checkWebhookUrl('https://internal.example.com/', emptyAllowList, dns);
    expect(internal).toEqual({ ok: false, reason: expect.stringContaining('10.1.2.3 is a private address') });
    const rebinding = await checkWebhookUrl('https://rebind.example.com/', emptyAllowList, dns);
    expect(rebinding.ok).toBe(false);
  });

  test.each([
    'http://2130706433/',
    'http://0177.0.0.1/',
    'http://[::ffff:169.254.169.254]/',
    'http://[fd00:ec2::254]/',
    'http://0.0.0.0/',
    'http://[::]/',
    'http://100.64.0.1/',
  ])('refuses the encoded internal address %s', async (url) => {
    expect((await checkWebhookUrl(url, emptyAllowList, dns)).ok).toBe(false);
  });

  test('refuses other schemes and credentials in the URL', async () => {
    expect((await checkWebhookUrl('file:///etc/passwd', emptyAllowList, dns)).ok).toBe(false);
    expect((await checkWebhookUrl('https://user:pw@hooks.example.com/', emptyAllowList, dns)).ok).toBe(false);
  });

  test('honours PARLEY_OUTBOUND_ALLOW exceptions, port included', async () => {
    const allow = parseAllowList('127.0.0.1:4010,10.0.0.0/8');
    expect((await checkWebhookUrl('http://127.0.0.1:4010/hook', allow, dns)).ok).toBe(true);
    expect((await checkWebhookUrl('http://127.0.0.1:4011/hook', allow, dns)).ok).toBe(false);
    expect((await checkWebhookUrl('https://internal.example.com/', allow, dns)).ok).toBe(true);
  });

  test('accepts a name that does not resolve yet (delivery checks again where it connects)', async () => {
    expect((await checkWebhookUrl('https://not-yet.example.com/', emptyAllowList, dns)).ok).toBe(true);
  });
});
