/** Throw-away Postgres databases for benchmarks (created and dropped by the benchmark itself). */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { getEnv } from "@/lib/env";

/** The server to use: DATABASE_URL when set, else the CI machines' local Postgres (trust auth). */
export function adminUrl(): string {
  return getEnv().DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
}

export async function postgresAvailable(url = adminUrl()): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** CREATE DATABASE tradeoff_bench_<label>_<random> on the admin server; drop() removes it (closing its connections). */
export async function createScratchDatabase(label: string): Promise<ScratchDatabase> {
  const name = `tradeoff_bench_${label}_${randomBytes(4).toString("hex")}`;
  const admin = adminUrl();
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE "${name}"`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
