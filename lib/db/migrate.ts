import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { SqlClient } from "./connection";
import { MigrationError } from "./errors";

/**
 * Applies the SQL migrations in prisma/migrations (Prisma's layout) and records them in
 * `_prisma_migrations` exactly as Prisma Migrate does, so `prisma migrate status/deploy` agree
 * wherever Prisma's schema engine is available. Why not the Prisma CLI: DESIGN.md §9.
 */

export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

/** The advisory lock key Prisma Migrate itself takes, so the two never run at once. */
const PRISMA_MIGRATE_LOCK_KEY = 72707369;
const LOCK_WAIT_MS = 60_000;

export interface MigrationFile {
  name: string;
  script: string;
  /** SHA-256 of the script, hex, as Prisma computes it. */
  checksum: string;
}

export interface MigrationRow {
  id: string;
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export async function readMigrations(dir: string = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const entries = await readdir(/*turbopackIgnore: true*/ dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const script = await readFile(/*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"), "utf8");
      return { name, script, checksum: checksumOf(script) };
    }),
  );
}

export function checksumOf(script: string): string {
  return createHash("sha256").update(script, "utf8").digest("hex");
}

const CREATE_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

/** Applies every pending migration, in name order, under Prisma's advisory lock. */
export async function applyMigrations(
  sql: SqlClient,
  migrations: MigrationFile[],
  log: (line: string) => void = () => {},
): Promise<MigrateResult> {
  return sql.withSession(async (session) => {
    await acquireLock(session);
    try {
      await session.exec(CREATE_TABLE);
      const rows = await session.query<MigrationRow>(
        `SELECT id, migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`,
      );
      const pending = planMigrations(migrations, rows);
      for (const migration of pending) {
        log(`Applying migration ${migration.name}`);
        await applyOne(session, migration);
      }
      return { applied: pending.map((m) => m.name), alreadyApplied: migrations.length - pending.length };
    } finally {
      await session.query(`SELECT pg_advisory_unlock($1)`, [PRISMA_MIGRATE_LOCK_KEY]);
    }
  });
}

/** Decides what to apply; refuses (with the fix) when history and files disagree. Pure. */
export function planMigrations(migrations: MigrationFile[], rows: MigrationRow[]): MigrationFile[] {
  const live = rows.filter((r) => r.rolled_back_at === null);
  const failed = live.find((r) => r.finished_at === null);
  if (failed) {
    throw new MigrationError(
      `Migration ${failed.migration_name} failed when it was last applied, so no further migrations run. ` +
        `Fix the cause (see the "logs" column of _prisma_migrations), undo any partial change, then run ` +
        `\`npm run db:migrate -- --rolled-back ${failed.migration_name}\` and start again.`,
    );
  }
  const byName = new Map(migrations.map((m) => [m.name, m]));
  for (const row of live) {
    const file = byName.get(row.migration_name);
    if (!file) {
      throw new MigrationError(
        `The database has migration ${row.migration_name}, which is not in prisma/migrations. ` +
          `This database was migrated by a newer or different version of Tradeoff; run that version, or use a fresh database.`,
      );
    }
    if (file.checksum !== row.checksum) {
      throw new MigrationError(
        `Migration ${row.migration_name} was edited after it was applied (its checksum changed). ` +
          `Restore prisma/migrations/${row.migration_name}/migration.sql from version control and put the change in a new migration.`,
      );
    }
  }
  const applied = new Set(live.map((r) => r.migration_name));
  return migrations.filter((m) => !applied.has(m.name));
}

async function applyOne(session: Omit<SqlClient, "withSession">, migration: MigrationFile) {
  const id = randomUUID();
  await session.query(
    `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`,
    [id, migration.checksum, migration.name],
  );
  try {
    await session.exec(`BEGIN;\n${migration.script}\n;COMMIT;`);
  } catch (error) {
    await session.exec("ROLLBACK").catch(() => {});
    const message = error instanceof Error ? error.message : String(error);
    await session.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [id, message]);
    throw new MigrationError(
      `Migration ${migration.name} failed: ${message}. Nothing of it was applied; fix the SQL and start again.`,
    );
  }
  await session.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [
    id,
  ]);
}

/** Marks a failed migration as rolled back (like `prisma migrate resolve --rolled-back`). */
export async function markRolledBack(sql: SqlClient, name: string): Promise<boolean> {
  const rows = await sql.query<{ id: string }>(
    `UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = $1 AND finished_at IS NULL AND rolled_back_at IS NULL RETURNING id`,
    [name],
  );
  return rows.length > 0;
}

async function acquireLock(session: Omit<SqlClient, "withSession">) {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    const [row] = await session.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock($1) AS locked`, [
      PRISMA_MIGRATE_LOCK_KEY,
    ]);
    if (row?.locked) return;
    if (Date.now() > deadline) {
      throw new MigrationError(
        `Another process has been applying migrations for over ${LOCK_WAIT_MS / 1000} s. Wait for it to finish, or stop it, then start again.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
