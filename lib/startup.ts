import "server-only";
import path from "node:path";
import { ensureAdmin } from "@/lib/auth/bootstrap";
import { importContent } from "@/lib/content/import";
import { loadContentBank } from "@/lib/content/load";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { markInterruptedReplies } from "@/lib/interview/service";
import { reportWorker } from "@/lib/scoring/deps";

/**
 * What the server does before it takes requests: validate the environment, open and migrate the
 * database, import the question bank. Failures print one line with the cause and the fix.
 */
export async function prepareServer(log: (line: string) => void = console.log): Promise<void> {
  const env = getEnv();
  const db = await getDb();
  log(`[tradeoff] database: ${db.location}`);
  const interrupted = await markInterruptedReplies(db.prisma);
  if (interrupted > 0)
    log(
      `[tradeoff] marked ${interrupted} interviewer repl${interrupted === 1 ? "y" : "ies"} interrupted by the last shutdown`,
    );
  await ensureAdmin(db, log, env);
  if (env.TRADEOFF_SKIP_CONTENT_IMPORT) return;
  const dir = path.resolve(env.TRADEOFF_CONTENT_DIR);
  const bank = await loadContentBank(dir);
  const result = await importContent(db.prisma, bank);
  const byKind = new Map<string, number>();
  for (const c of result.created) byKind.set(c.kind, (byKind.get(c.kind) ?? 0) + 1);
  const created = [...byKind].map(([kind, n]) => `${n} ${kind}`).join(", ");
  log(`[tradeoff] question bank: ${result.unchanged} unchanged${created ? `; new versions: ${created}` : ""}`);
}

/** prepareServer for instrumentation.ts: exits with a readable message instead of a stack trace. */
export async function startServer(): Promise<void> {
  if (getEnv().NEXT_PHASE === "phase-production-build") return;
  try {
    await prepareServer();
    // Reports left pending by a restart are finished, new ones are picked up as interviews end.
    reportWorker().start();
  } catch (error) {
    console.error(`\n[tradeoff] cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
