/** Database failures with a one-line cause and the fix, instead of a driver stack trace. */
export class DatabaseUnavailableError extends Error {
  constructor(
    message: string,
    readonly fix: string,
    options?: { cause?: unknown },
  ) {
    super(`${message} ${fix}`, options);
    this.name = "DatabaseUnavailableError";
  }
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
