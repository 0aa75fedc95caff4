import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { openDatabase } from './database.ts';
import { CHECKPOINTER_AFTER_WRITES, startWalCheckpointer } from './wal-checkpointer.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-checkpointer-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('copies the WAL into the database file from its worker while the main connection stays open', async () => {
  const file = path.join(dir, 'wal.db');
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL');
  // Only the worker checkpoints here: whatever reaches the main file got there through it.
  db.exec('PRAGMA wal_autocheckpoint = 0');
  db.exec('create table t (id integer primary key, body text not null)');
  const insert = db.prepare('insert into t (body) values (?)');
  for (let i = 0; i < 500; i++) insert.run('x'.repeat(1000));
  const before = fs.statSync(file).size;
  const checkpointer = startWalCheckpointer(file);
  try {
    // Wait for the whole copy: a checkpoint in progress extends the file page by page.
    const copied = before + 400 * 1000;
    for (let i = 0; i < 250 && fs.statSync(file).size <= copied; i++) await sleep(20);
    expect(fs.statSync(file).size).toBeGreaterThan(copied);
  } finally {
    await checkpointer.stop();
  }
  expect((db.prepare('select count(*) as n from t').get() as { n: number }).n).toBe(500);
  db.close();
});

it('closing a busy SQLite database waits for the checkpoint worker: nothing is left open on the file', async () => {
  const dataDir = path.join(dir, 'busy');
  const handle = openDatabase({ dataDir, databaseUrl: undefined, databaseSchema: undefined });
  await sql`create table t (id integer primary key, body text not null)`.execute(handle.db);
  // Enough writes for the dialect to start its checkpoint worker.
  for (let i = 0; i < CHECKPOINTER_AFTER_WRITES + 10; i++) {
    await sql`insert into t (body) values (${'x'.repeat(100)})`.execute(handle.db);
  }
  await handle.close();
  // SQLite deletes the WAL and its index when the last connection to the file closes; a worker
  // still starting or closing would (re)create them after close() — e.g. under a directory being
  // removed. Watch the directory for a while after close().
  const seen = new Set<string>();
  for (let i = 0; i < 30; i++) {
    for (const name of fs.readdirSync(dataDir)) seen.add(name);
    await sleep(10);
  }
  expect([...seen]).toEqual(['parley.db']);
});
