import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { openDatabase } from '../../src/db/database.ts';

export interface BareServer {
  app: FastifyInstance;
  origin: string;
  close(): Promise<void>;
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

/** The floor for a read route: plain Fastify answering pre-built JSON from memory. */
export async function startBareJsonServer(body: unknown): Promise<BareServer> {
  const app = Fastify({ logger: false });
  app.get('/bare', async () => body);
  const origin = await listen(app);
  return { app, origin, close: () => app.close() };
}

/**
 * The floor for a write route: plain Fastify inserting one row per request into the same kind of
 * database Parley uses (SQLite WAL by default, PostgreSQL with DATABASE_URL).
 */
export async function startBareInsertServer(): Promise<BareServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bare-'));
  const schema = `bare_${crypto.randomBytes(4).toString('hex')}`;
  const handle = openDatabase({
    dataDir,
    databaseUrl: process.env.DATABASE_URL,
    databaseSchema: process.env.DATABASE_URL ? schema : undefined,
  });
  const db = handle.db as never as import('kysely').Kysely<any>;
  if (handle.kind === 'postgres') await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  await sql`create table bare_rows (id text primary key, content text not null, created_at text not null)`.execute(
    db,
  );
  const app = Fastify({ logger: false });
  app.post<{ Body: { content: string } }>('/bare', async (request, reply) => {
    const row = {
      id: crypto.randomUUID(),
      content: request.body.content,
      created_at: new Date().toISOString(),
    };
    await db.insertInto('bare_rows').values(row).execute();
    return reply.status(201).send({ data: row });
  });
  const origin = await listen(app);
  return {
    app,
    origin,
    async close() {
      await app.close();
      if (handle.kind === 'postgres') await sql`drop schema ${sql.id(schema)} cascade`.execute(db);
      await handle.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
