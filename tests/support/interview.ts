/** Builds the interview service's dependencies for tests: a real database, a controllable clock, real providers. */
import { localUser as theLocalUser } from "@/lib/auth/session";
import { importContent } from "@/lib/content/import";
import { loadContentBank } from "@/lib/content/load";
import { parseEnv } from "@/lib/env";
import { llmConfigFromEnv, type CallOptions } from "@/lib/llm";
import { createInterviewDeps } from "@/lib/interview/deps";
import type { InterviewDeps } from "@/lib/interview/service";
import type { TestDatabase } from "./db";

export interface TestClock {
  now(): Date;
  advanceSeconds(seconds: number): void;
  set(date: Date): void;
}

export function testClock(start = new Date("2026-11-22T10:00:00Z")): TestClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advanceSeconds: (seconds) => {
      current += seconds * 1000;
    },
    set: (date) => {
      current = date.getTime();
    },
  };
}

let bank: Awaited<ReturnType<typeof loadContentBank>> | undefined;

/** Imports the shipped question bank into `db` (once per file is plenty). */
export async function seedContent(db: TestDatabase) {
  bank ??= await loadContentBank("content");
  await importContent(db.prisma, bank);
}

/**
 * Interview deps wired to `db`, the given clock and a model environment (e.g. keys and base URLs of
 * the mock LLM server). Provider calls use short timeouts and no real sleeping between retries.
 */
export function interviewDepsFor(
  db: TestDatabase,
  clock: TestClock,
  modelEnv: Record<string, string> = {},
  call: CallOptions = {},
): InterviewDeps {
  return createInterviewDeps({
    prisma: db.prisma,
    llm: { ...llmConfigFromEnv(parseEnv(modelEnv)), offlineDelayMs: 0 },
    now: clock.now,
    call: { firstTokenTimeoutMs: 2_000, idleTimeoutMs: 2_000, totalTimeoutMs: 10_000, baseDelayMs: 1, ...call },
    callDeps: { sleep: async () => {} },
  });
}

export async function localUser(db: TestDatabase) {
  return theLocalUser(db);
}
