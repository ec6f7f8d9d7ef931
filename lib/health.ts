import "server-only";
import { getDb } from "@/lib/db";

export interface Health {
  status: "ok" | "degraded";
  app: { name: "tradeoff"; uptimeSeconds: number };
  database:
    | {
        status: "ok";
        kind: "pglite" | "postgres";
        location: string;
        latencyMs: number;
        migrations: number;
        prompts: number;
      }
    | { status: "unavailable"; error: string };
}

export async function checkHealth(): Promise<Health> {
  const app = { name: "tradeoff" as const, uptimeSeconds: Math.round(process.uptime()) };
  try {
    const db = await getDb();
    const started = performance.now();
    const [row] = await db.sql.query<{ migrations: number; prompts: number }>(
      `SELECT (SELECT count(*)::int FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL) AS migrations,
              (SELECT count(DISTINCT slug)::int FROM prompts) AS prompts`,
    );
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    return {
      status: "ok",
      app,
      database: {
        status: "ok",
        kind: db.kind,
        location: db.location,
        latencyMs,
        migrations: row?.migrations ?? 0,
        prompts: row?.prompts ?? 0,
      },
    };
  } catch (error) {
    return {
      status: "degraded",
      app,
      database: { status: "unavailable", error: error instanceof Error ? error.message : String(error) },
    };
  }
}
