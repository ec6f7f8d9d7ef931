/**
 * Monthly token quota: tokens recorded in llm_calls this calendar month (UTC), checked before a
 * request calls a model.
 *
 * A request's tokens are only known once its calls are recorded, so concurrent requests could all
 * see the same "used" and all go ahead. Two things bound that:
 *  - a per-user async mutex around "read used → decide → count as in flight", so each decision sees
 *    the in-flight requests admitted before it (and the rows of every request released before it);
 *  - the rule: admit when `used < quota` and either nothing else of this user is in flight, or there
 *    is room for every in-flight request plus this one at a typical size R:
 *    `used + (inFlight + 1) × R ≤ quota`.
 * Proof that the overshoot is at most one request (for requests of at most R tokens): a request
 * admitted with others in flight fits under the quota with all of them; a request admitted alone
 * started below the quota, and while it runs, others are admitted only if they fit with it counted
 * as R. So the month ends at most one request past the quota. tests/unit/usage/quota.test.ts fires
 * concurrent admissions against a fake ledger and checks it.
 *
 * The caller must release an admission only after the request's llm_calls rows are written (a
 * release before that would let the next decision miss those tokens). State is per process.
 */
import { TooManyRequestsError } from "@/lib/errors";
import { formatCount, monthWindow } from "./policy";

/**
 * Tokens assumed for a request still in flight. An interviewer turn is ~3–12K prompt tokens plus at
 * most 600 out; scoring is larger but rare. Only matters near the end of a quota.
 */
export const TYPICAL_REQUEST_TOKENS = 20_000;

/** Retry-After for "one request at a time near the end of the quota": about one reply. */
const BUSY_RETRY_SECONDS = 5;

/** Runs async sections one at a time per key (in arrival order); different keys do not wait for each other. */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, section: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let unlock!: () => void;
    const mine = new Promise<void>((resolve) => (unlock = resolve));
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    await previous;
    try {
      return await section();
    } finally {
      unlock();
      if (this.tails.get(key) === tail) this.tails.delete(key); // nobody queued behind us
    }
  }

  /** Keys with a section running or queued (for tests: the map must not leak). */
  get size(): number {
    return this.tails.size;
  }
}

export interface QuotaState {
  /** Per user: admission id → when it was admitted (ms). */
  inFlight: Map<string, Map<number, number>>;
  mutex: KeyedMutex;
}

export function createQuotaState(): QuotaState {
  return { inFlight: new Map(), mutex: new KeyedMutex() };
}

export interface QuotaGateOptions {
  typicalRequestTokens?: number;
  /** An admission never released is forgotten after this long (a caller bug must not block a user forever). */
  maxInFlightMs?: number;
  /** Milliseconds; default Date.now. */
  now?: () => number;
  state?: QuotaState;
}

export type QuotaDecision =
  | { allowed: true; used: number; release(): void }
  | {
      allowed: false;
      /** "exhausted": used ≥ quota. "busy": nearly used up and another request of the user is running. */
      reason: "exhausted" | "busy";
      used: number;
      quota: number;
      resetsAt: Date;
      retryAfterSeconds: number;
    };

/** Reads the tokens a user's calls recorded since `since` (the start of the month). */
export type UsedTokensReader = (since: Date) => Promise<number>;

export class QuotaGate {
  readonly typicalRequestTokens: number;
  private readonly maxInFlightMs: number;
  private readonly now: () => number;
  private readonly state: QuotaState;
  private nextId = 1;

  constructor(options: QuotaGateOptions = {}) {
    this.typicalRequestTokens = options.typicalRequestTokens ?? TYPICAL_REQUEST_TOKENS;
    this.maxInFlightMs = options.maxInFlightMs ?? 15 * 60_000;
    this.now = options.now ?? Date.now;
    this.state = options.state ?? createQuotaState();
  }

  /** Decides whether `userId` may start a request under `quota` tokens this month; see the file comment. */
  admit(userId: string, quota: number, readUsed: UsedTokensReader): Promise<QuotaDecision> {
    return this.state.mutex.run(userId, async () => {
      const { start, resetsAt } = monthWindow(new Date(this.now()));
      // Count the in-flight requests *before* reading: one that finishes during the read has written
      // its rows before releasing, so it is either in `used` or in this count, never in neither.
      const inFlightAtRead = this.running(userId, this.now()).size;
      const used = await readUsed(start);
      const now = this.now();
      const refuse = (reason: "exhausted" | "busy", retryAfterSeconds: number): QuotaDecision => ({
        allowed: false,
        reason,
        used,
        quota,
        resetsAt,
        retryAfterSeconds,
      });
      if (used >= quota) return refuse("exhausted", Math.max(1, Math.ceil((resetsAt.getTime() - now) / 1000)));
      if (inFlightAtRead > 0 && used + (inFlightAtRead + 1) * this.typicalRequestTokens > quota) {
        return refuse("busy", BUSY_RETRY_SECONDS);
      }
      const id = this.nextId++;
      const running = this.running(userId, now);
      running.set(id, now);
      this.state.inFlight.set(userId, running);
      let released = false;
      return {
        allowed: true,
        used,
        release: () => {
          if (released) return;
          released = true;
          const current = this.state.inFlight.get(userId);
          current?.delete(id);
          if (current?.size === 0) this.state.inFlight.delete(userId);
        },
      };
    });
  }

  /** Requests of the user admitted and not yet released. */
  inFlight(userId: string): number {
    return this.running(userId, this.now()).size;
  }

  private running(userId: string, now: number): Map<number, number> {
    const running = this.state.inFlight.get(userId) ?? new Map<number, number>();
    for (const [id, since] of running) if (now - since > this.maxInFlightMs) running.delete(id);
    if (running.size === 0) this.state.inFlight.delete(userId);
    return running;
  }
}

const resetDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** The 429 for a refused quota decision: how much was used, the limit, and when it resets. */
export function quotaError(decision: Extract<QuotaDecision, { allowed: false }>): TooManyRequestsError {
  const usedText = `${formatCount(decision.used)} of your ${formatCount(decision.quota)} model tokens this month`;
  if (decision.reason === "busy") {
    return new TooManyRequestsError(
      `You have used ${usedText}, so near the end of your quota requests run one at a time. ` +
        "Try again when the current reply has finished.",
      decision.retryAfterSeconds,
      "quota_busy",
    );
  }
  return new TooManyRequestsError(
    `Monthly token quota reached: you have used ${usedText}. ` +
      `It resets on ${resetDate.format(decision.resetsAt)} at 00:00 UTC; an admin can raise it before then.`,
    decision.retryAfterSeconds,
    "quota_exceeded",
  );
}
