import "server-only";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { createLlmRegistry, llmConfigFromEnv, streamWithFallback } from "@/lib/llm";
import type { InterviewDeps } from "./service";

/** The production wiring of the interview service: the process's database, the configured models, the real clock. */
export async function interviewDeps(): Promise<InterviewDeps> {
  const env = getEnv();
  const db = await getDb();
  const config = llmConfigFromEnv(env);
  const registry = createLlmRegistry(config);
  return {
    prisma: db.prisma,
    now: () => new Date(),
    chainFor: (id) => registry.chainFor(id),
    modelIds: () => registry.options.map((o) => o.id),
    streamWithFallback: (chain, req, handlers, deps) => streamWithFallback(chain, req, handlers, deps, config.call),
    clockScale: env.TRADEOFF_CLOCK_SCALE,
  };
}
