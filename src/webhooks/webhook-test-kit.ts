// Test helpers (not collected as tests): a loopback receiver that verifies nothing itself, an app
// whose outbound allow list opens that receiver, and polling waits (no timed assertions).
import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  createTestApp,
  createTestEnvironment,
  type TestApp,
  type TestEnvironment,
} from '../../test/helpers/test-app.ts';
import { type RecordedRequest, startTestServer, type TestServer } from '../http/guarded-fetch/test-server.ts';
import { configureWebhookWorkers } from './webhook-delivery.ts';

export const fastWorkerOptions = {
  retryScheduleMs: [40, 80, 120],
  pollIntervalMs: 50,
  leaseMs: 10_000,
};
configureWebhookWorkers(fastWorkerOptions);

export type Respond = (req: IncomingMessage, res: ServerResponse, recorded: RecordedRequest) => void;

export async function startReceiver(respond?: Respond): Promise<TestServer> {
  return startTestServer((req, res, recorded) => {
    if (respond) respond(req, res, recorded);
    else res.writeHead(204).end();
  });
}

export async function environmentFor(
  receiver: TestServer,
  extra: Record<string, string> = {},
): Promise<TestEnvironment> {
  return createTestEnvironment({ PARLEY_OUTBOUND_ALLOW: `127.0.0.1:${receiver.port}`, ...extra });
}

export async function appFor(receiver: TestServer): Promise<TestApp> {
  return createTestApp({ PARLEY_OUTBOUND_ALLOW: `127.0.0.1:${receiver.port}` });
}

/** Polls until `check` returns a truthy value; fails with `what` after a generous deadline. */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, deadlineMs = 15_000): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * An independent Standard Webhooks verifier (node:crypto, not the production signer): true when any
 * `v1,` signature in the header matches HMAC-SHA256(`${id}.${timestamp}.${body}`) under the secret.
 */
export function verifySignature(secret: string, headers: IncomingMessage['headers'], body: string): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signed = `${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`;
  const expected = crypto.createHmac('sha256', key).update(signed).digest();
  return String(headers['webhook-signature'] ?? '')
    .split(' ')
    .some((part) => {
      const [version, value] = part.split(',');
      const given = Buffer.from(value ?? '', 'base64');
      return version === 'v1' && given.length === expected.length && crypto.timingSafeEqual(given, expected);
    });
}

export async function createWebhookVia(
  t: TestApp,
  headers: Record<string, string>,
  body: Record<string, unknown>,
): Promise<{ id: string; secret: string }> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/tenant-api/webhooks',
    headers,
    payload: body,
  });
  if (res.statusCode !== 201) throw new Error(`webhook creation failed: ${res.statusCode} ${res.body}`);
  return res.json().data;
}
