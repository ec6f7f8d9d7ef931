/**
 * A fresh database for one integration test file: an in-memory PGlite by default, or a new schema
 * in the Postgres of DATABASE_URL (dropped afterwards), so the same tests prove both.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database, type DatabaseConfig } from "@/lib/db/connection";
import { applyMigrations, readMigrations } from "@/lib/db/migrate";
import { getEnv } from "@/lib/env";

export const usingPostgres = Boolean(getEnv().DATABASE_URL);

export function freshDatabaseConfig(): DatabaseConfig {
  const url = getEnv().DATABASE_URL;
  return url
    ? { kind: "postgres", url, schema: `test_${randomBytes(6).toString("hex")}` }
    : { kind: "pglite", dataDir: "memory" };
}

export interface TestDatabase extends Database {
  /** Closes the connection and drops the schema (Postgres). */
  destroy(): Promise<void>;
}

export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const config = freshDatabaseConfig();
  const db = await openDatabase(config);
  if (options.migrate !== false) await applyMigrations(db.sql, await readMigrations());
  return {
    ...db,
    destroy: async () => {
      await db.close();
      if (config.kind === "postgres" && config.schema) await dropSchema(config.url, config.schema);
    },
  };
}

export async function dropSchema(url: string, schema: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
