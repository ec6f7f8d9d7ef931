import "server-only";
/**
 * The one admission check every model-calling route makes: the user's request rate, then their
 * monthly token quota. Throws TooManyRequestsError (429 with Retry-After) with a message that says
 * what was hit and when to retry; otherwise returns an admission to release when the model work ends.
 *
 * Limits are enforced per server process: the rate log and the in-flight counts live in this
 * process's memory (the token totals come from the shared database). Several app instances behind
 * a load balancer each allow the full rate, and each may overshoot the quota by one request. A
 * shared store (Redis, or a Postgres advisory lock plus a table) would be needed to make them global.
 */
import type { Database } from "@/lib/db";
import { TooManyRequestsError } from "@/lib/errors";
import { getEnv, type Env } from "@/lib/env";
import { resolveLimits, type LimitDefaults } from "./policy";
import { QuotaGate, createQuotaState, quotaError } from "./quota";
import { SlidingWindowRateLimiter } from "./rate-limit";

export type { LimitDefaults } from "./policy";

export function limitDefaultsFromEnv(env: Env = getEnv()): LimitDefaults {
  return { monthlyTokenQuota: env.DEFAULT_MONTHLY_TOKEN_QUOTA, requestsPerMinute: env.DEFAULT_REQUESTS_PER_MINUTE };
}

/** The process's limiter state; tests build their own with a fake clock. */
export interface LimitState {
  rate: SlidingWindowRateLimiter;
  quota: QuotaGate;
}

export function createLimitState(options: { now?: () => number; typicalRequestTokens?: number } = {}): LimitState {
  return {
    rate: new SlidingWindowRateLimiter({ now: options.now }),
    quota: new QuotaGate({
      now: options.now,
      typicalRequestTokens: options.typicalRequestTokens,
      state: createQuotaState(),
    }),
  };
}

// Kept on globalThis so a dev-server hot reload does not reset everyone's limits (as lib/db does).
const holder = globalThis as typeof globalThis & { __tradeoffLimits?: LimitState };

export function processLimitState(): LimitState {
  holder.__tradeoffLimits ??= createLimitState();
  return holder.__tradeoffLimits;
}

export interface Admission {
  /**
   * Call once the request's model work is over and its llm_calls rows are written (in a finally).
   * Idempotent. An admission never released is forgotten after 15 minutes.
   */
  release(): void;
}

export interface AdmitOptions {
  /** Default: DEFAULT_MONTHLY_TOKEN_QUOTA / DEFAULT_REQUESTS_PER_MINUTE from the environment. */
  defaults?: LimitDefaults;
  /** Default: the process singleton. */
  state?: LimitState;
  /** The request only runs the offline interviewer, which spends no tokens: rate limit only. */
  tokenFree?: boolean;
}

const UNLIMITED: Admission = { release: () => {} };

export async function admitModelRequest(
  db: Pick<Database, "prisma">,
  user: { id: string },
  options: AdmitOptions = {},
): Promise<Admission> {
  const state = options.state ?? processLimitState();
  const settings = await db.prisma.user.findUnique({
    where: { id: user.id },
    select: { monthlyTokenQuota: true, requestsPerMinute: true },
  });
  // A session always has a user row; if it vanished, the defaults still apply.
  const limits = resolveLimits(
    settings ?? { monthlyTokenQuota: null, requestsPerMinute: null },
    options.defaults ?? limitDefaultsFromEnv(),
  );

  // The rate check first: it is synchronous and cheap, so a burst is refused before it costs a query each.
  let undoRate = () => {};
  if (limits.requestsPerMinute !== null) {
    const rate = state.rate.tryAcquire(user.id, limits.requestsPerMinute);
    if (!rate.allowed) {
      throw new TooManyRequestsError(
        `Too many requests: you may make ${rate.limit} model requests a minute. ` +
          `Try again in ${rate.retryAfterSeconds} second${rate.retryAfterSeconds === 1 ? "" : "s"}.`,
        rate.retryAfterSeconds,
        "rate_limited",
      );
    }
    undoRate = rate.undo;
  }

  const quota = limits.monthlyTokenQuota;
  if (quota === null || options.tokenFree) return UNLIMITED;
  try {
    const decision = await state.quota.admit(user.id, quota, (since) => usedTokensSince(db, user.id, since));
    if (!decision.allowed) throw quotaError(decision);
    return { release: decision.release };
  } catch (error) {
    undoRate(); // a refused request called no model, so it does not use up a slot of the rate
    throw error;
  }
}

/** Input + output tokens the user's calls recorded since `since` (served by the (user_id, created_at) index). */
export async function usedTokensSince(db: Pick<Database, "prisma">, userId: string, since: Date): Promise<number> {
  const sum = await db.prisma.llmCall.aggregate({
    where: { userId, createdAt: { gte: since } },
    _sum: { inputTokens: true, outputTokens: true },
  });
  return (sum._sum.inputTokens ?? 0) + (sum._sum.outputTokens ?? 0);
}
