/**
 * Tells a lost or refused database connection (a PostgreSQL restart, a network cut) apart from a
 * bug, so logs can say what happened and what to check. Pure: looks only at the error's code and
 * message as node-postgres and Node's sockets report them.
 */

/** Socket errors, and PostgreSQL's connection (08…) and operator-intervention (57P0…) SQLSTATEs. */
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** The reason the database could not be reached, in words; null when `error` is something else. */
export function describeUnreachableDatabase(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  const code = String((error as { code?: unknown }).code ?? "");
  const connectionLost =
    CONNECTION_CODES.has(code) ||
    code.startsWith("08") ||
    /^57P0[1-3]$/.test(code) ||
    /Connection terminated|connection timeout|Client has encountered a connection error/i.test(error.message);
  if (!connectionLost) return null;
  return `the database is unreachable (${error.message || code}); check that PostgreSQL is running and DATABASE_URL points at it`;
}
