import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/connection";
import { MigrationError } from "@/lib/db/errors";
import { applyMigrations, checksumOf, readMigrations, type MigrationFile } from "@/lib/db/migrate";
import { createTestDatabase, dropSchema, freshDatabaseConfig, usingPostgres, type TestDatabase } from "../support/db";

const migration = (name: string, script: string): MigrationFile => ({ name, script, checksum: checksumOf(script) });

describe("migration runner", () => {
  let db: TestDatabase | undefined;
  afterEach(async () => {
    await db?.destroy();
    db = undefined;
  });

  it("applies every migration once and records it the way Prisma does", async () => {
    db = await createTestDatabase({ migrate: false });
    const files = await readMigrations();
    expect(files.length).toBeGreaterThan(0);

    const first = await applyMigrations(db.sql, files);
    expect(first.applied).toEqual(files.map((f) => f.name));

    const rows = await db.sql.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
      logs: string | null;
      rolled_back_at: Date | null;
      started_at: Date;
    }>(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const [i, row] of rows.entries()) {
      expect(row.checksum).toBe(files[i]!.checksum);
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.started_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
      expect(row.logs).toBeNull();
      expect(row.rolled_back_at).toBeNull();
    }

    const second = await applyMigrations(db.sql, files);
    expect(second).toEqual({ applied: [], alreadyApplied: files.length });
    const count = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "_prisma_migrations"`);
    expect(count[0]!.n).toBe(files.length);
  });

  it("refuses to run when an applied migration's file was edited, and says how to fix it", async () => {
    db = await createTestDatabase({ migrate: false });
    await applyMigrations(db.sql, [migration("001_a", `CREATE TABLE a (id int);`)]);
    const edited = [migration("001_a", `CREATE TABLE a (id bigint);`), migration("002_b", `CREATE TABLE b (id int);`)];

    const error = await applyMigrations(db.sql, edited).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toMatch(
      /001_a was edited after it was applied.*Restore prisma\/migrations\/001_a\/migration\.sql/,
    );
    // nothing after the edited migration ran
    const tables = await db.sql.query(
      `SELECT 1 FROM information_schema.tables WHERE table_name = 'b' AND table_schema = current_schema()`,
    );
    expect(tables).toHaveLength(0);
  });

  it("rolls a failing migration back completely and blocks later runs until it is resolved", async () => {
    db = await createTestDatabase({ migrate: false });
    const broken = migration("001_broken", `CREATE TABLE half (id int);\nCREATE TABLE half (id int);`);

    await expect(applyMigrations(db.sql, [broken])).rejects.toThrow(/001_broken failed: .*already exists/);
    const half = await db.sql.query(
      `SELECT 1 FROM information_schema.tables WHERE table_name = 'half' AND table_schema = current_schema()`,
    );
    expect(half).toHaveLength(0);
    const [row] = await db.sql.query<{ finished_at: Date | null; logs: string }>(
      `SELECT finished_at, logs FROM "_prisma_migrations"`,
    );
    expect(row!.finished_at).toBeNull();
    expect(row!.logs).toMatch(/already exists/);

    await expect(applyMigrations(db.sql, [broken])).rejects.toThrow(
      /failed when it was last applied.*--rolled-back 001_broken/,
    );
  });

  it("refuses a database migrated by a version with migrations this one does not have", async () => {
    db = await createTestDatabase({ migrate: false });
    await applyMigrations(db.sql, [migration("001_a", `SELECT 1;`), migration("002_future", `SELECT 2;`)]);
    await expect(applyMigrations(db.sql, [migration("001_a", `SELECT 1;`)])).rejects.toThrow(
      /has migration 002_future, which is not in prisma\/migrations/,
    );
  });

  it.runIf(usingPostgres)("lets only one of two concurrent processes apply each migration", async () => {
    const config = freshDatabaseConfig();
    const [a, b] = [await openDatabase(config), await openDatabase(config)];
    try {
      const slow = [migration("001_slow", `SELECT pg_sleep(0.5); CREATE TABLE once (id int);`)];
      const results = await Promise.all([applyMigrations(a.sql, slow), applyMigrations(b.sql, slow)]);
      expect(results.map((r) => r.applied.length).sort()).toEqual([0, 1]);
      const rows = await a.sql.query(`SELECT 1 FROM "_prisma_migrations"`);
      expect(rows).toHaveLength(1);
    } finally {
      await a.close();
      await b.close();
      if (config.kind === "postgres") await dropSchema(config.url, config.schema!);
    }
  });
});
