import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, migrateToLatest, openDatabase, sqliteFile } from '../../db/database.ts';
import { createTenant } from '../../tenants/tenants.ts';
import { type CallLogEntry, createCallLogWriter } from './call-log-writer.ts';

// The off-thread writer is SQLite's (PostgreSQL inserts are asynchronous already), so this file
// always runs against its own SQLite database, whatever DATABASE_URL says.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-call-log-writer-'));
let handle: DatabaseHandle;
let file: string;
let tenantId: string;

beforeAll(async () => {
  const config = { dataDir: dir, databaseUrl: undefined, databaseSchema: undefined };
  handle = openDatabase(config);
  file = sqliteFile(config);
  await migrateToLatest(handle);
  tenantId = (await createTenant(handle.db, 'Writer')).id;
});
afterAll(async () => {
  await handle.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const entry = (overrides: Partial<CallLogEntry> = {}): CallLogEntry => ({
  tenantId,
  connectionId: null,
  endpointId: null,
  conversationId: null,
  source: 'rule',
  method: 'GET',
  url: 'https://api.example.com/orders/1',
  status: 200,
  durationMs: 12.4,
  ok: true,
  error: null,
  ...overrides,
});

const urls = async (prefix: string) =>
  (
    await handle.db
      .selectFrom('call_logs')
      .select(['url', 'ok', 'duration_ms'])
      .where('url', 'like', `${prefix}%`)
      .orderBy('id')
      .execute()
  ).map((row) => `${row.url} ${row.ok} ${row.duration_ms}`);

describe('call-log writer', () => {
  it('hands a busy process’s rows to a worker thread; failed calls (webhook events) stay in this process', async () => {
    // The worker writes to the file it is given: a second database shows which rows went there.
    const otherConfig = {
      dataDir: path.join(dir, 'other'),
      databaseUrl: undefined,
      databaseSchema: undefined,
    };
    const other = openDatabase(otherConfig);
    await migrateToLatest(other);
    const tenant = await handle.db
      .selectFrom('tenants')
      .selectAll()
      .where('id', '=', tenantId)
      .executeTakeFirstOrThrow();
    await other.db.insertInto('tenants').values(tenant).execute();
    const writer = createCallLogWriter(handle.db, {
      dbKind: 'sqlite',
      retentionDays: 30,
      sqliteFile: sqliteFile(otherConfig),
      offThreadAfter: 5,
      batchSize: 4,
    });
    for (let i = 0; i < 10; i++) writer.write(entry({ url: `https://busy.example/${i}` }));
    writer.write(entry({ url: 'https://busy.example/failed', ok: false, status: 502, error: 'HTTP 502' }));
    await writer.flush();
    const offThread = await other.db.selectFrom('call_logs').select('url').execute();
    const here = await urls('https://busy.example/');
    // The first full batch (before the process counted as busy) and what the caller waited for
    // (flush) were written here; the second full batch by the worker.
    expect(here).toEqual([
      ...[0, 1, 2, 3, 8, 9].map((i) => `https://busy.example/${i} 1 12`),
      'https://busy.example/failed 0 12',
    ]);
    expect(offThread.map((row) => row.url)).toEqual([4, 5, 6, 7].map((i) => `https://busy.example/${i}`));
    await writer.close();
    await other.close();
  });

  it('keeps writing in this process when the worker cannot open the database', async () => {
    const writer = createCallLogWriter(handle.db, {
      dbKind: 'sqlite',
      retentionDays: 30,
      sqliteFile: path.join(dir, 'missing-dir', 'parley.db'),
      offThreadAfter: 0,
      batchSize: 1,
    });
    writer.write(entry({ url: 'https://fallback.example/1' }));
    await writer.flush();
    writer.write(entry({ url: 'https://fallback.example/2' }));
    await writer.flush();
    expect(await urls('https://fallback.example/')).toEqual([
      'https://fallback.example/1 1 12',
      'https://fallback.example/2 1 12',
    ]);
    await writer.close();
  });

  it('does not lose a batch to one row whose tenant was deleted meanwhile', async () => {
    const writer = createCallLogWriter(handle.db, {
      dbKind: 'sqlite',
      retentionDays: 30,
      sqliteFile: file,
      offThreadAfter: 0,
      batchSize: 3,
    });
    writer.write(entry({ url: 'https://orphan.example/before' }));
    writer.write(entry({ url: 'https://orphan.example/gone', tenantId: 'no-such-tenant' }));
    writer.write(entry({ url: 'https://orphan.example/after' }));
    await writer.flush();
    expect(await urls('https://orphan.example/')).toEqual([
      'https://orphan.example/before 1 12',
      'https://orphan.example/after 1 12',
    ]);
    await writer.close();
  });

  it('stores what was queued when it closes, and nothing is lost to the stopped worker', async () => {
    const writer = createCallLogWriter(handle.db, {
      dbKind: 'sqlite',
      retentionDays: 30,
      sqliteFile: file,
      offThreadAfter: 0,
      batchSize: 1,
    });
    writer.write(entry({ url: 'https://closing.example/1' }));
    await writer.flush();
    writer.write(entry({ url: 'https://closing.example/2' }));
    await writer.close();
    writer.write(entry({ url: 'https://closing.example/3' }));
    await writer.flush();
    expect(await urls('https://closing.example/')).toHaveLength(3);
  });
});
