import "server-only";
import type { PrismaClient } from "@/lib/db/generated/client";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import {
  createLlmRegistry,
  llmConfigFromEnv,
  streamWithFallback,
  type CallDeps,
  type CallOptions,
  type LlmConfig,
} from "@/lib/llm";
import { scheduleReport } from "@/lib/scoring/deps";
import type { InterviewDeps } from "./service";

export interface InterviewWiring {
  prisma: PrismaClient;
  llm: LlmConfig;
  now?: () => Date;
  clockScale?: number;
  /** Retry and timeout settings; defaults to the configuration's. */
  call?: CallOptions;
  /** Replaces parts of the call machinery (e.g. a sleep that does not wait, in tests). */
  callDeps?: Omit<Partial<CallDeps>, "record">;
  onEnded?: (interviewId: string) => void;
}

/** Wires the interview service to a database, a set of models and a clock. */
export function createInterviewDeps({
  prisma,
  llm,
  now = () => new Date(),
  clockScale = 1,
  call,
  callDeps,
  onEnded,
}: InterviewWiring): InterviewDeps {
  const registry = createLlmRegistry(llm);
  return {
    prisma,
    now,
    chainFor: (id) => registry.chainFor(id),
    modelIds: () => registry.options.map((o) => o.id),
    streamWithFallback: (chain, req, handlers, deps) =>
      streamWithFallback(chain, req, handlers, { ...callDeps, ...deps }, { ...llm.call, ...call }),
    clockScale,
    onEnded,
  };
}

/** The production wiring: the process's database, the configured models, the real clock. */
export async function interviewDeps(): Promise<InterviewDeps> {
  const env = getEnv();
  return createInterviewDeps({
    onEnded: scheduleReport,
    prisma: (await getDb()).prisma,
    llm: llmConfigFromEnv(env),
    clockScale: env.TRADEOFF_CLOCK_SCALE,
  });
}
