/**
 * Database failures with a one-line cause and the fix, instead of a driver stack trace.
 *
 * `instanceof DatabaseUnavailableError` is also true for the errors a lost database connection
 * surfaces as in the middle of a request (see isConnectionFailure): Prisma's P1001/P1017/…, the
 * driver adapter's ConnectionClosed/DatabaseNotReachable, and pg's own socket and "Connection
 * terminated" errors (also as the cause of another error, e.g. better-auth's APIError from a failed
 * session lookup). So lib/http.ts answers them with a 503 that says the database is unavailable,
 * rather than a 500.
 */
export class DatabaseUnavailableError extends Error {
  constructor(
    message: string,
    readonly fix: string,
    options?: { cause?: unknown },
  ) {
    super(`${message} ${fix}`, options);
    this.name = "DatabaseUnavailableError";
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    return Function.prototype[Symbol.hasInstance].call(this, value) || isConnectionFailure(value);
  }
}

/**
 * Prisma error codes that mean "could not talk to the database" (not "the query was wrong"):
 * P1001 can't reach the server, P1002 reached but timed out, P1008 socket timeout, P1017 the
 * server closed the connection, P2024 timed out waiting for a pooled connection (P2028: for a
 * transaction, e.g. when the pool is exhausted under load), P2037 too many
 * connections.
 */
const PRISMA_UNAVAILABLE = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028", "P2037"]);
/**
 * The same, as Prisma's driver adapter reports them before Prisma gives them a code (a transaction's
 * COMMIT that loses its connection surfaces as a bare DriverAdapterError, e.g. "ConnectionClosed").
 */
const ADAPTER_UNAVAILABLE = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
]);
/** Socket errors as pg surfaces them when the server goes away (raw SqlClient queries, the pool). */
const SOCKET_UNAVAILABLE = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH"]);
/** pg's own messages for a connection that died or could not be made in time. */
const PG_UNAVAILABLE =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable)/;

/** Whether `error` (or what caused it) is a lost or refused database connection. */
export function isConnectionFailure(error: unknown, depth = 0): boolean {
  if (typeof error !== "object" || error === null || depth > 4) return false;
  const e = error as {
    name?: unknown;
    code?: unknown;
    errorCode?: unknown;
    syscall?: unknown;
    message?: unknown;
    cause?: unknown;
  };
  const prismaCode = typeof e.code === "string" ? e.code : typeof e.errorCode === "string" ? e.errorCode : null;
  if (
    typeof e.name === "string" &&
    e.name.startsWith("PrismaClient") &&
    prismaCode &&
    PRISMA_UNAVAILABLE.has(prismaCode)
  )
    return true;
  if (e.name === "DriverAdapterError") {
    const kind = (e.cause as { kind?: unknown } | undefined)?.kind;
    if (typeof kind === "string" && ADAPTER_UNAVAILABLE.has(kind)) return true;
  }
  if (typeof e.code === "string" && typeof e.syscall === "string" && SOCKET_UNAVAILABLE.has(e.code)) return true;
  if (typeof e.message === "string" && PG_UNAVAILABLE.test(e.message)) return true;
  return isConnectionFailure(e.cause, depth + 1);
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationError";
  }
}

/** Translates a connection failure from `pg` into something a person can act on. */
export function explainPostgresError(error: unknown, where: string): DatabaseUnavailableError {
  const e = error as { code?: string; message?: string };
  const base = `Cannot use the database at ${where}:`;
  switch (e.code) {
    case "ECONNREFUSED":
      return new DatabaseUnavailableError(
        `${base} connection refused.`,
        "Is Postgres running there? Check DATABASE_URL, or unset it to use the embedded database.",
        { cause: error },
      );
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return new DatabaseUnavailableError(
        `${base} the host name does not resolve.`,
        "Check the host in DATABASE_URL.",
        { cause: error },
      );
    case "ETIMEDOUT":
      return new DatabaseUnavailableError(
        `${base} the connection timed out.`,
        "Check the host, port and firewall in DATABASE_URL.",
        { cause: error },
      );
    case "3D000":
      return new DatabaseUnavailableError(
        `${base} ${e.message}.`,
        "Create it (for example `createdb <name>`) or fix the database name in DATABASE_URL.",
        { cause: error },
      );
    case "28P01":
    case "28000":
      return new DatabaseUnavailableError(
        `${base} authentication failed (${e.message}).`,
        "Check the user and password in DATABASE_URL.",
        { cause: error },
      );
    default:
      return new DatabaseUnavailableError(
        `${base} ${e.message ?? String(error)}.`,
        "Check DATABASE_URL and that the server accepts connections.",
        { cause: error },
      );
  }
}
