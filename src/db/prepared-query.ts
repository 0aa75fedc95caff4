import type { Compilable, CompiledQuery, Kysely, QueryResult, RawBuilder } from 'kysely';
import type { Database } from './schema.ts';

const PARAM = Symbol('prepared query parameter');

interface ParamRef {
  readonly [PARAM]: string;
}

const isParamRef = (value: unknown): value is ParamRef =>
  typeof value === 'object' && value !== null && PARAM in value;

/** One placeholder per parameter, under the same keys (so `values(params)` sees every column). */
function placeholdersFor<P extends Record<string, unknown>>(params: P): P {
  const refs: Record<string, ParamRef> = {};
  for (const name of Object.keys(params)) refs[name] = { [PARAM]: name };
  return refs as P;
}

/**
 * A query that Kysely builds and compiles once per dialect and then only executes with fresh
 * parameters. Building and compiling cost ~25 µs per statement — as much as SQLite's own work for
 * the small statements of the message pipeline, which runs ~20 of them per answered message.
 *
 * `build` receives stand-ins for the parameters, under the keys of the first call's `params`:
 * pass them where values go (`where`, `values`, `set`, `sql` template slots), never into string
 * concatenation or JS logic. The query's shape must not depend on the values, and every call
 * passes the same keys (a row for `values(p)` always has all its columns).
 *
 * @example
 * const findTitle = prepareQuery((db, p: { id: string }) =>
 *   db.selectFrom('rules').select('name').where('id', '=', p.id));
 * const { rows } = await findTitle(trx, { id });
 */
export function prepareQuery<P extends Record<string, unknown>, Row>(
  build: (db: Kysely<Database>, params: P) => Compilable<Row> | RawBuilder<Row>,
): (db: Kysely<Database>, params: P) => Promise<QueryResult<Row>> {
  // Keyed by the dialect adapter, which a database and its transactions share.
  const compiled = new WeakMap<object, CompiledQuery<Row>>();
  return (db, params) => {
    const adapter = db.getExecutor().adapter;
    let query = compiled.get(adapter);
    if (!query) {
      // A builder's compile() takes no argument; an `sql` template's needs the database.
      const built = build(db, placeholdersFor(params)) as {
        compile(db: Kysely<Database>): CompiledQuery<Row>;
      };
      query = built.compile(db);
      compiled.set(adapter, query);
    }
    const parameters = query.parameters.map((value) => (isParamRef(value) ? params[value[PARAM]] : value));
    return db.executeQuery<Row>({ ...query, parameters });
  };
}
