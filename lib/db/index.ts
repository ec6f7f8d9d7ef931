import "server-only";
import { getEnv, type Env } from "@/lib/env";
import { openDatabase, type Database, type DatabaseConfig } from "./connection";
import { applyMigrations, readMigrations } from "./migrate";

export type { Database } from "./connection";

/** Which database this process uses: Postgres when DATABASE_URL is set, embedded PGlite otherwise. */
export function databaseConfigFromEnv(env: Env = getEnv()): DatabaseConfig {
  return env.DATABASE_URL
    ? { kind: "postgres", url: env.DATABASE_URL }
    : { kind: "pglite", dataDir: env.TRADEOFF_DATA_DIR };
}

/** Opens the database and applies pending migrations. */
export async function openMigratedDatabase(config: DatabaseConfig, log?: (line: string) => void): Promise<Database> {
  const db = await openDatabase(config);
  try {
    await applyMigrations(db.sql, await readMigrations(), log);
    return db;
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
}

// One database per process, kept on globalThis so dev-server hot reloads reuse it (a second PGlite
// on the same folder would be refused by its lock).
const holder = globalThis as typeof globalThis & { __tradeoffDb?: Promise<Database> };

/** The process's database, opened and migrated on first use. */
export function getDb(): Promise<Database> {
  holder.__tradeoffDb ??= openMigratedDatabase(databaseConfigFromEnv(), (line) => console.log(`[db] ${line}`)).catch(
    (error) => {
      holder.__tradeoffDb = undefined; // let the next request try again (e.g. Postgres came back)
      throw error;
    },
  );
  return holder.__tradeoffDb;
}
