import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, expect, it } from 'vitest';
import { startWalCheckpointer } from './wal-checkpointer.ts';

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
    for (let i = 0; i < 250 && fs.statSync(file).size <= before; i++) await sleep(20);
    expect(fs.statSync(file).size).toBeGreaterThan(before + 400 * 1000);
  } finally {
    await checkpointer.stop();
  }
  expect((db.prepare('select count(*) as n from t').get() as { n: number }).n).toBe(500);
  db.close();
});
