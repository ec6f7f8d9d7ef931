import "server-only";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { explainPostgresError } from "./errors";
import { PrismaClient } from "./generated/client";
import { lockDataDir } from "./pglite-lock";

/** Plain SQL access beside Prisma: for migrations (multi-statement scripts) and health checks. */
export interface SqlClient {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a script of several statements. */
  exec(script: string): Promise<void>;
  /** Runs `fn` on one dedicated connection (session-level locks need one). */
  withSession<T>(fn: (session: Omit<SqlClient, "withSession">) => Promise<T>): Promise<T>;
}

export interface Database {
  kind: "pglite" | "postgres";
  /** Where the data lives, for logs and the health endpoint (never includes a password). */
  location: string;
  prisma: PrismaClient;
  sql: SqlClient;
  close(): Promise<void>;
}

export type DatabaseConfig =
  { kind: "postgres"; url: string; schema?: string } | { kind: "pglite"; dataDir: string | "memory" };

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  return config.kind === "postgres" ? openPostgres(config.url, config.schema) : openPglite(config.dataDir);
}

async function openPostgres(url: string, schema?: string): Promise<Database> {
  const location = describePostgresUrl(url, schema);
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5_000,
    ...(schema ? { options: `-c search_path="${schema}"` } : {}),
  });
  // An idle client's error (e.g. the server restarting) must not crash the process.
  pool.on("error", () => {});
  try {
    const client = await pool.connect();
    try {
      if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => {});
    throw explainPostgresError(error, location);
  }

  const adapter = new PrismaPg(pool, schema ? { schema } : undefined);
  const prisma = new PrismaClient({ adapter });
  const toSql = (run: pg.Pool | pg.PoolClient): Omit<SqlClient, "withSession"> => ({
    query: async <Row>(sql: string, params?: unknown[]) => (await run.query(sql, params)).rows as Row[],
    exec: async (script: string) => {
      await run.query(script);
    },
  });
  const sql: SqlClient = {
    ...toSql(pool),
    withSession: async (fn) => {
      const client = await pool.connect();
      try {
        return await fn(toSql(client));
      } finally {
        client.release();
      }
    },
  };
  return {
    kind: "postgres",
    location,
    prisma,
    sql,
    close: async () => {
      await prisma.$disconnect();
      await pool.end().catch(() => {});
    },
  };
}

async function openPglite(dataDir: string | "memory"): Promise<Database> {
  const inMemory = dataDir === "memory";
  const folder = inMemory ? undefined : path.resolve(dataDir, "pglite");
  const releaseLock = folder ? lockDataDir(folder) : () => {};
  let client: PGlite;
  try {
    client = await PGlite.create(folder);
  } catch (error) {
    releaseLock();
    throw error;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(client) });
  const session: Omit<SqlClient, "withSession"> = {
    query: async <Row>(sql: string, params?: unknown[]) => (await client.query<Row>(sql, params)).rows,
    exec: async (script: string) => {
      await client.exec(script);
    },
  };
  return {
    kind: "pglite",
    location: folder
      ? `embedded PGlite in ${path.relative(process.cwd(), folder) || folder}`
      : "embedded PGlite in memory",
    prisma,
    // PGlite is a single connection, so every call is already "one session".
    sql: { ...session, withSession: (fn) => fn(session) },
    close: async () => {
      await prisma.$disconnect();
      await client.close();
      releaseLock();
    },
  };
}

/** `postgresql://user:secret@host:5432/db` → `Postgres at host:5432/db` (no credentials). */
export function describePostgresUrl(url: string, schema?: string): string {
  try {
    const u = new URL(url);
    return `Postgres at ${u.hostname}:${u.port || "5432"}${u.pathname}${schema ? ` (schema ${schema})` : ""}`;
  } catch {
    return "Postgres (unparseable DATABASE_URL)";
  }
}
