import net from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTcpRelay } from '../../test/helpers/tcp-relay.ts';
import {
  createTestApp,
  createTestEnvironment,
  TEST_REDIS_URL,
  type TestApp,
} from '../../test/helpers/test-app.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { createContext } from '../context.ts';
import { createWidget } from '../conversations/conversation-test-kit.ts';

/** A relay in front of the test Redis: cut and restored by the tests. */
async function startRedisRelay() {
  const target = new URL(TEST_REDIS_URL);
  const relay = await startTcpRelay(target.hostname, Number(target.port || 6379));
  return Object.assign(relay, { url: () => `redis://127.0.0.1:${relay.port}` });
}

const closedPort = async () => {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
};

describe('Redis outages', () => {
  let relay: Awaited<ReturnType<typeof startRedisRelay>>;
  let t: TestApp;
  beforeAll(async () => {
    relay = await startRedisRelay();
    t = await createTestApp({ REDIS_URL: relay.url(), PARLEY_RATE_LIMIT_PER_MIN: '1000' });
  });
  afterAll(async () => {
    await t.close();
    await relay.cut();
  });

  it('the Tenant and widget APIs keep answering while Redis is down, and count again once it is back', async () => {
    const tenant = await t.createTenant();
    const widgets = () => t.app.inject({ url: '/api/v1/tenant-api/widgets', headers: tenant.headers });
    const before = await widgets();
    expect(before.statusCode).toBe(200);
    expect(before.headers['ratelimit-remaining']).toBeDefined();
    const widget = await createWidget(t, tenant.headers, { name: 'Site' });

    await relay.cut();
    // Requests do not wait for Redis to come back: a queued rate-limit command would wait for the
    // next reconnect attempt (backing off to 2 s each, several per request). Right after an attempt
    // the next one is at least 300 ms away, so a request that does not wait sees none.
    const redis = t.ctx.redis!;
    let attempts = 0;
    redis.on('reconnecting', () => attempts++);
    await expect.poll(() => attempts, { timeout: 10_000 }).toBeGreaterThanOrEqual(6);
    await new Promise((resolve) => redis.once('reconnecting', resolve));
    const attemptsBefore = attempts;
    const during = await widgets();
    expect(attempts - attemptsBefore, 'reconnect attempts the request waited for').toBe(0);
    expect(during.statusCode, during.body).toBe(200);
    const started = await t.app.inject({
      method: 'POST',
      url: `/api/v1/widget/${widget.id}/conversations`,
      payload: { visitorName: 'Ann' },
    });
    expect(started.statusCode, started.body).toBe(201);
    expect(t.logs()).toContain('Redis is unreachable');
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().data).toMatchObject({ status: 'ready', redis: 'unreachable' });

    // Uncounted meanwhile: the whole budget shows as remaining.
    expect(during.headers['ratelimit-remaining']).toBe('1000');

    await relay.restore();
    await expect
      .poll(async () => (await t.app.inject({ url: '/readyz' })).json().data.redis, {
        timeout: 10_000,
        interval: 200,
      })
      .toBe('ok');
    const remaining = async () => Number((await widgets()).headers['ratelimit-remaining']);
    const first = await remaining();
    expect(await remaining(), 'counted again').toBe(first - 1);
  });

  it('survives connections dropping again while it re-subscribes, and is subscribed again once Redis is stable', async () => {
    // Redis comes back, and goes away again just as the subscriber re-subscribes; the SUBSCRIBE
    // then outlives its retries. ioredis's own re-subscription left that failure as an unhandled
    // rejection, which ends the process (here: fails the run).
    const channel = t.ctx.events.channel;
    const direct = new Redis(TEST_REDIS_URL);
    const subscribers = async () => Number((await direct.pubsub('NUMSUB', channel))[1]);
    try {
      await expect.poll(subscribers, { timeout: 10_000 }).toBe(1);
      await relay.cut();
      relay.cutOnNext(/subscribe/i);
      await relay.restore();
      await expect.poll(() => relay.armed, { timeout: 10_000 }).toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 2000)); // more reconnect attempts than retries per request
      expect(await subscribers()).toBe(0);
      await relay.restore();
      await expect.poll(subscribers, { timeout: 10_000, interval: 200 }).toBe(1);
    } finally {
      direct.disconnect();
    }
  });
});

describe('start-up checks', () => {
  it('an unreachable Redis stops start-up with one sentence naming REDIS_URL', async () => {
    const environment = await createTestEnvironment();
    try {
      const port = await closedPort();
      const config = loadConfig({ ...environment.env, REDIS_URL: `redis://:hunter2@127.0.0.1:${port}` });
      const failure = await createContext(config).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ConfigError);
      expect((failure as Error).message).toBe(
        `cannot reach Redis at redis://:***@127.0.0.1:${port} (REDIS_URL): connect ECONNREFUSED 127.0.0.1:${port}. Start Redis, correct REDIS_URL, or unset it to run a single process without Redis.`,
      );
    } finally {
      await environment.dispose();
    }
  });

  it('an unreachable PostgreSQL stops start-up with one sentence naming DATABASE_URL', async () => {
    const environment = await createTestEnvironment();
    try {
      const port = await closedPort();
      const config = loadConfig({
        ...environment.env,
        DATABASE_URL: `postgres://parley:s3cret@127.0.0.1:${port}/parley`,
        PARLEY_MASTER_KEY: environment.env.PARLEY_MASTER_KEY,
      });
      const failure = await createContext(config).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ConfigError);
      const message = (failure as Error).message;
      expect(message).toContain(
        `cannot use the PostgreSQL database at postgres://parley:***@127.0.0.1:${port}/parley (DATABASE_URL): connect ECONNREFUSED`,
      );
      expect(message).not.toContain('s3cret');
    } finally {
      await environment.dispose();
    }
  });

  it('an unusable data directory stops start-up with one sentence naming PARLEY_DATA_DIR', async () => {
    const environment = await createTestEnvironment();
    try {
      // A file where the directory should be.
      const file = `${environment.env.PARLEY_DATA_DIR}/not-a-directory`;
      await import('node:fs').then((fs) => fs.writeFileSync(file, ''));
      const config = loadConfig({ ...environment.env, DATABASE_URL: '', PARLEY_DATA_DIR: file });
      const failure = await createContext(config).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ConfigError);
      expect((failure as Error).message).toMatch(
        /^cannot use the SQLite database in .*not-a-directory \(PARLEY_DATA_DIR\): .+ Check that the directory exists or can be created, and is writable by this user\.$/,
      );
    } finally {
      await environment.dispose();
    }
  });
});
