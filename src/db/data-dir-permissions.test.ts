import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { openDatabase } from './database.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-perms-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

it('creates the embedded database for its owner only: the data directory 0700, the database and its WAL files 0600', async () => {
  const dataDir = path.join(root, 'new', 'data');
  const handle = openDatabase({ dataDir, databaseUrl: undefined, databaseSchema: undefined });
  try {
    await sql`create table notes (id integer primary key, text text)`.execute(handle.db);
    await sql`insert into notes (text) values ('jane@example.com')`.execute(handle.db);
    const mode = (file: string) => fs.statSync(path.join(dataDir, file)).mode & 0o777;
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(mode('parley.db')).toBe(0o600);
    expect(mode('parley.db-wal')).toBe(0o600);
    expect(mode('parley.db-shm')).toBe(0o600);
  } finally {
    await handle.close();
  }
});
