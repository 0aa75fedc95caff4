// SQLSTATE classes and codes that mean "the database cannot serve this now", not "this query is
// wrong": connection exceptions (08…), an administrator or crash shutdown (57P01–57P03) and
// too many connections (53300). Seen during a PostgreSQL restart or failover.
const unavailableSqlStates = /^(08|57P0[1-3]$|53300$)/;
const unavailableSocketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);
// node-postgres reports a lost or refused connection as a plain Error with one of these messages.
const unavailableMessages = [
  'Connection terminated',
  'not queryable',
  'timeout exceeded when trying to connect',
];

/** True when a query failed because PostgreSQL is unreachable or restarting, so a retry may work. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (unavailableSqlStates.test(code) || unavailableSocketCodes.has(code))) {
    return true;
  }
  return unavailableMessages.some((text) => error.message.includes(text));
}
