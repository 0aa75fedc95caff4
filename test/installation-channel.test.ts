import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { type AppContext, createContext } from '../src/context.ts';
import type { RealtimeEvent } from '../src/realtime/realtime-event.ts';
import {
  createTestEnvironment,
  TEST_REDIS_URL,
  type TestEnvironment,
  usingPostgres,
} from './helpers/test-app.ts';

/** The same PostgreSQL database, spelled differently (scheme, host name, a harmless parameter). */
function equivalentDatabaseUrl(url: string): string {
  const parsed = new URL(url);
  const scheme = parsed.protocol === 'postgres:' ? 'postgresql:' : 'postgres:';
  const host = { '127.0.0.1': 'localhost', localhost: '127.0.0.1' }[parsed.hostname] ?? parsed.hostname;
  parsed.hostname = host;
  parsed.searchParams.set('application_name', 'parley-second-process');
  return `${scheme}${parsed.href.slice(parsed.protocol.length)}`;
}

describe('real-time events between processes of one installation', () => {
  let environment: TestEnvironment;
  const contexts: AppContext[] = [];
  afterAll(async () => {
    for (const ctx of contexts) await ctx.close();
    await environment?.dispose();
  });

  it('reach each other whatever spelling of the database each process was given', async () => {
    environment = await createTestEnvironment({ REDIS_URL: TEST_REDIS_URL });
    const first = await createContext(environment.config);
    contexts.push(first);
    // SQLite: the data directory through a symbolic link. PostgreSQL: another URL for the same database.
    let other: Record<string, string>;
    if (usingPostgres) {
      other = { DATABASE_URL: equivalentDatabaseUrl(environment.env.DATABASE_URL) };
      expect(other.DATABASE_URL).not.toBe(environment.env.DATABASE_URL);
    } else {
      const link = `${environment.env.PARLEY_DATA_DIR}-link`;
      fs.symlinkSync(environment.env.PARLEY_DATA_DIR, link);
      other = { PARLEY_DATA_DIR: path.resolve(link) };
    }
    const second = await createContext(loadConfig({ ...environment.env, ...other }));
    contexts.push(second);
    if (!usingPostgres) fs.rmSync(other.PARLEY_DATA_DIR);
    expect(second.installationId).toBe(first.installationId);
    await Promise.all([first.events.start(), second.events.start()]);

    const received: string[] = [];
    const arrived = new Promise<void>((resolve) => {
      second.events.subscribeTenant('t1', (event: RealtimeEvent) => {
        received.push(String((event.data as { content: string }).content));
        resolve();
      });
    });
    first.events.publish({
      type: 'message.created',
      tenantId: 't1',
      conversationId: 'c1',
      data: { content: 'hi' },
    });
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('the event never reached the other process')), 10_000);
    });
    await Promise.race([arrived, deadline]).finally(() => clearTimeout(timer));
    expect(received).toEqual(['hi']);
  });

  it('stay apart between installations sharing a Redis', async () => {
    const one = await createTestEnvironment();
    const two = await createTestEnvironment();
    try {
      const [a, b] = [await createContext(one.config), await createContext(two.config)];
      expect(a.events.channel).not.toBe(b.events.channel);
      await a.close();
      await b.close();
    } finally {
      await one.dispose();
      await two.dispose();
    }
  });
});
