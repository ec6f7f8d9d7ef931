import "server-only";
import { runReport, type ScoringDeps } from "./pipeline";

/**
 * An in-process worker for pending reports: woken when an interview ends, and polling as a safety net
 * so reports left pending by a restart are finished too. One report at a time per process.
 */
export function createReportWorker(getDeps: () => Promise<ScoringDeps>, options: { pollMs?: number } = {}) {
  let running = false;
  let again = false;
  let timer: ReturnType<typeof setInterval> | null = null;

  async function drain() {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const deps = await getDeps();
        const pending = await deps.prisma.report.findMany({
          where: { status: "PENDING" },
          orderBy: { createdAt: "asc" },
          take: 10,
          select: { id: true },
        });
        for (const { id } of pending) await runReport(deps, id);
        if (pending.length === 10) again = true;
      } while (again);
    } catch (error) {
      console.error("[tradeoff] report worker:", error instanceof Error ? error.message : error);
    } finally {
      running = false;
    }
  }

  return {
    /** Look for pending reports now (returns when the current batch is done). */
    kick: () => drain(),
    start() {
      timer ??= setInterval(() => void drain(), options.pollMs ?? 5_000);
      timer.unref?.();
      void drain();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
