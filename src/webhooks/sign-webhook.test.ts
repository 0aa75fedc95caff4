import crypto from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { createVault } from '../vault/vault.ts';
import { activeSecrets } from './active-secrets.ts';
import { nextRetryDelayMs } from './retry-schedule.ts';
import { signWebhook } from './sign-webhook.ts';
import { generateWebhookSecret } from './webhook-secret.ts';

describe('signWebhook', () => {
  test('matches the Standard Webhooks reference example', () => {
    // From the Standard Webhooks specification's reference libraries' test suite.
    const headers = signWebhook(
      ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      1614265330,
      '{"test": 2432232314}',
    );
    expect(headers).toEqual({
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
      'content-type': 'application/json',
    });
  });

  test('agrees with an HMAC computed here, one space-separated signature per secret', () => {
    const secrets = [generateWebhookSecret(), generateWebhookSecret()];
    const body = JSON.stringify({ type: 'ping', data: { ü: '✓' } });
    const headers = signWebhook(secrets, 'd1', 1700000000, body);
    const expected = secrets.map(
      (s) =>
        `v1,${crypto
          .createHmac('sha256', Buffer.from(s.slice('whsec_'.length), 'base64'))
          .update(`d1.1700000000.${body}`)
          .digest('base64')}`,
    );
    expect(headers['webhook-signature']).toBe(expected.join(' '));
  });
});

describe('activeSecrets', () => {
  const vault = createVault(crypto.randomBytes(32));
  const row = {
    secret: vault.seal('whsec_new'),
    previous_secret: vault.seal('whsec_old'),
    previous_secret_expires_at: '2030-01-02T00:00:00.000+00:00',
  };

  test('signs with the previous secret only until it expires', () => {
    expect(activeSecrets(row, vault, new Date('2030-01-01T23:59:59Z'))).toEqual(['whsec_new', 'whsec_old']);
    expect(activeSecrets(row, vault, new Date('2030-01-02T00:00:00Z'))).toEqual(['whsec_new']);
    expect(activeSecrets({ ...row, previous_secret: null }, vault)).toEqual(['whsec_new']);
  });
});

describe('nextRetryDelayMs', () => {
  test('follows 5 s, 30 s, 2 min, 15 min, 1 h, 6 h with ±20 % jitter, then gives up', () => {
    const bases = [5_000, 30_000, 120_000, 900_000, 3_600_000, 21_600_000];
    bases.forEach((base, i) => {
      expect(nextRetryDelayMs(i + 1, undefined, () => 0.5)).toBe(base);
      expect(nextRetryDelayMs(i + 1, undefined, () => 0)).toBe(base * 0.8);
      expect(nextRetryDelayMs(i + 1, undefined, () => 0.999999)).toBeLessThanOrEqual(base * 1.2);
    });
    expect(nextRetryDelayMs(7)).toBeNull();
    expect(nextRetryDelayMs(2, [10, 20], () => 0.5)).toBe(20);
    expect(nextRetryDelayMs(3, [10, 20])).toBeNull();
  });
});
