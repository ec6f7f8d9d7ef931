import "server-only";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { createLlmRegistry, llmConfigFromEnv } from "@/lib/llm";
import { requestReport, type ScoringDeps } from "./pipeline";
import { createReportWorker } from "./worker";

/**
 * Production wiring of scoring. An interview run with a model is judged by the same provider chain
 * (without the offline interviewer); an offline or imported interview gets the offline scorer.
 */
export async function scoringDeps(): Promise<ScoringDeps> {
  const registry = createLlmRegistry(llmConfigFromEnv(getEnv()));
  const known = new Set(registry.options.map((o) => o.id));
  return {
    prisma: (await getDb()).prisma,
    now: () => new Date(),
    judgeChain: (model) =>
      model !== "offline" && known.has(model) ? registry.chainFor(model).filter((p) => p.id !== "offline") : null,
  };
}

const holder = globalThis as typeof globalThis & { __tradeoffReportWorker?: ReturnType<typeof createReportWorker> };

/** The process's report worker (one per process, also across dev-server reloads). */
export function reportWorker() {
  holder.__tradeoffReportWorker ??= createReportWorker(scoringDeps);
  return holder.__tradeoffReportWorker;
}

/** Queues a report for an interview that just ended and wakes the worker; never waits for scoring. */
export function scheduleReport(interviewId: string): void {
  void getDb()
    .then((db) => requestReport(db.prisma, interviewId))
    .then(() => reportWorker().kick())
    .catch((error: unknown) =>
      console.error("[tradeoff] could not queue a report:", error instanceof Error ? error.message : error),
    );
}
