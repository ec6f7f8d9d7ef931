import "server-only";
import { setTimeout as delay } from "node:timers/promises";
import { classifyError, LlmError, type LlmAttemptFailure } from "./errors";
import type { ChatRequest, ChatResult, LlmCallRecord, LlmProvider } from "./types";

export interface StreamHandlers {
  onText(delta: string): void;
  /** An attempt that had streamed text failed and another starts: discard the partial text. */
  onRestart?(): void;
}

export interface CallDeps {
  /** Stores one attempt (OK, ERROR or CANCELLED). Awaited; an error here propagates to the caller. */
  record(call: LlmCallRecord): Promise<void>;
  /** Waits between retries. Default: a real timer that the caller's signal cuts short. */
  sleep?(ms: number, signal?: AbortSignal): Promise<void>;
  /** Milliseconds, for ttft and latency. Default: performance.now. */
  now?(): number;
  /** In [0, 1), for backoff jitter. Default: Math.random. */
  random?(): number;
}

export interface CallOptions {
  /** Retries per provider after the first attempt (default 2). */
  maxRetries?: number;
  /** First backoff; doubles per retry, with jitter, capped at 8 s (default 500). */
  baseDelayMs?: number;
  /** From sending the request to the first text delta (default 20 000). */
  firstTokenTimeoutMs?: number;
  /** Between text deltas (default 15 000). */
  idleTimeoutMs?: number;
  /** One attempt from start to finish (default 120 000). */
  totalTimeoutMs?: number;
}

export const DEFAULT_CALL_OPTIONS: Readonly<Required<CallOptions>> = {
  maxRetries: 2,
  baseDelayMs: 500,
  firstTokenTimeoutMs: 20_000,
  idleTimeoutMs: 15_000,
  totalTimeoutMs: 120_000,
};

const MAX_BACKOFF_MS = 8_000;
const MAX_RETRY_AFTER_MS = 20_000;

/**
 * Streams a reply from the first provider in `chain` that can give one. Each provider is tried, its
 * retryable failures retried with backoff, then the next provider takes over; auth and bad-request
 * failures skip to the next provider at once. Every attempt is recorded. The caller's `req.signal`
 * stops everything (kind "cancelled"). If every provider fails, throws an LlmError listing the
 * attempts; with the offline provider last in the chain that does not happen in practice.
 */
export async function streamWithFallback(
  chain: readonly LlmProvider[],
  req: ChatRequest,
  handlers: StreamHandlers,
  deps: CallDeps,
  options: CallOptions = {},
): Promise<ChatResult> {
  const settings = withDefaults(options);
  const now = deps.now ?? (() => performance.now());
  const sleep = deps.sleep ?? ((ms: number, signal?: AbortSignal) => delay(ms, undefined, { signal }));
  const random = deps.random ?? Math.random;
  const failures: LlmAttemptFailure[] = [];
  let showedPartialText = false;

  for (const provider of chain) {
    for (let retry = 0; ; retry += 1) {
      if (req.signal?.aborted) throw cancelled(provider);
      if (showedPartialText) {
        handlers.onRestart?.();
        showedPartialText = false;
      }
      const outcome = await attempt(provider, req, handlers, settings, now);
      await deps.record(toRecord(req, provider, outcome));
      if (outcome.ok) return outcome.result;
      if ("consumerError" in outcome) throw outcome.consumerError;

      const { error } = outcome;
      if (error.kind === "cancelled") throw error;
      failures.push({ provider: provider.id, model: provider.model, kind: error.kind, message: error.message });
      showedPartialText ||= outcome.ttftMs !== null;
      if (!error.retryable || retry >= settings.maxRetries) break;
      await sleep(backoffMs(retry, error, settings.baseDelayMs, random), req.signal).catch((sleepError: unknown) => {
        if (req.signal?.aborted) throw cancelled(provider);
        throw sleepError;
      });
    }
  }
  throw exhausted(failures);
}

/** Exponential backoff with "equal jitter" (half fixed, half random); a server's retry-after wins. */
export function backoffMs(retry: number, error: LlmError, baseDelayMs: number, random: () => number): number {
  if (error.retryAfterMs !== null) return Math.min(error.retryAfterMs, MAX_RETRY_AFTER_MS);
  const ceiling = Math.min(MAX_BACKOFF_MS, baseDelayMs * 2 ** retry);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

type Settings = Required<CallOptions>;

type AttemptOutcome =
  | { ok: true; result: ChatResult }
  | { ok: false; error: LlmError; ttftMs: number | null; latencyMs: number }
  /** handlers.onText threw: a bug on the caller's side, not a provider failure, so it is not retried. */
  | { ok: false; consumerError: unknown; ttftMs: number | null; latencyMs: number };

/** One provider call under a watchdog: our AbortController enforces the timeouts and relays the caller's abort. */
async function attempt(
  provider: LlmProvider,
  req: ChatRequest,
  handlers: StreamHandlers,
  settings: Settings,
  now: () => number,
): Promise<AttemptOutcome> {
  const started = now();
  let firstTextAt: number | null = null;
  const controller = new AbortController();
  // Why the attempt was cut short by us, if it was (written from timer and stream callbacks).
  const cut: { timeout?: string; consumerError?: { error: unknown } } = {};
  const expire = (why: string) => {
    cut.timeout ??= why;
    controller.abort();
  };
  let idleTimer = setTimeout(expire, settings.firstTokenTimeoutMs, `no text within ${settings.firstTokenTimeoutMs} ms`);
  const totalTimer = setTimeout(
    expire,
    settings.totalTimeoutMs,
    `reply unfinished after ${settings.totalTimeoutMs} ms`,
  );
  const relayAbort = () => controller.abort();
  req.signal?.addEventListener("abort", relayAbort, { once: true });
  const timing = () => ({
    ttftMs: firstTextAt === null ? null : Math.round(firstTextAt - started),
    latencyMs: Math.round(now() - started),
  });

  try {
    const result = await provider.streamChat({ ...req, signal: controller.signal }, (delta) => {
      if (controller.signal.aborted) return; // a late delta after a timeout must not reach the consumer
      clearTimeout(idleTimer);
      idleTimer = setTimeout(expire, settings.idleTimeoutMs, `stream idle for ${settings.idleTimeoutMs} ms`);
      firstTextAt ??= now();
      try {
        handlers.onText(delta);
      } catch (error) {
        cut.consumerError = { error };
        controller.abort();
        throw error;
      }
    });
    controller.signal.throwIfAborted(); // a provider that finished despite the abort still lost the race
    return { ok: true, result: { ...result, ...timing() } };
  } catch (error) {
    if (cut.consumerError) return { ok: false, consumerError: cut.consumerError.error, ...timing() };
    const failure = req.signal?.aborted
      ? cancelled(provider)
      : cut.timeout !== undefined
        ? new LlmError({ kind: "timeout", provider: provider.id, message: cut.timeout, cause: error })
        : classifyError(error, provider.id, Date.now());
    return { ok: false, error: failure, ...timing() };
  } finally {
    clearTimeout(idleTimer);
    clearTimeout(totalTimer);
    req.signal?.removeEventListener("abort", relayAbort);
  }
}

function toRecord(req: ChatRequest, provider: LlmProvider, outcome: AttemptOutcome): LlmCallRecord {
  const base = { purpose: req.purpose, provider: provider.id, model: provider.model, promptRef: req.promptRef };
  if (outcome.ok) {
    const { result } = outcome;
    return {
      ...base,
      inputTokens: result.usage.inputTokens,
      cachedTokens: result.usage.cachedInputTokens,
      outputTokens: result.usage.outputTokens,
      costUsd: result.costUsd,
      ttftMs: result.ttftMs,
      latencyMs: result.latencyMs,
      status: "OK",
      error: null,
    };
  }
  // A failed attempt's tokens are unknown (the usage arrives last); providers bill little or nothing for them.
  const failure = {
    ...base,
    inputTokens: 0,
    cachedTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    ttftMs: outcome.ttftMs,
    latencyMs: outcome.latencyMs,
  };
  if ("consumerError" in outcome) {
    const { consumerError } = outcome;
    const message = consumerError instanceof Error ? consumerError.message : String(consumerError);
    return { ...failure, status: "ERROR", error: `consumer: ${message}` };
  }
  const { error } = outcome;
  return {
    ...failure,
    status: error.kind === "cancelled" ? "CANCELLED" : "ERROR",
    error: `${error.kind}: ${error.message}`,
  };
}

function cancelled(provider: LlmProvider): LlmError {
  return new LlmError({ kind: "cancelled", provider: provider.id, message: "the caller cancelled the request" });
}

function exhausted(failures: LlmAttemptFailure[]): LlmError {
  const last = failures.at(-1);
  const summary = failures.map((f) => `${f.provider}:${f.model} ${f.kind} (${f.message})`).join("; ");
  return new LlmError({
    kind: last?.kind ?? "bad_request",
    provider: last?.provider ?? null,
    retryable: false,
    attempts: failures,
    message: last === undefined ? "no model to call: the provider chain is empty" : `every model failed: ${summary}`,
  });
}

function withDefaults(options: CallOptions): Settings {
  return {
    maxRetries: options.maxRetries ?? DEFAULT_CALL_OPTIONS.maxRetries,
    baseDelayMs: options.baseDelayMs ?? DEFAULT_CALL_OPTIONS.baseDelayMs,
    firstTokenTimeoutMs: options.firstTokenTimeoutMs ?? DEFAULT_CALL_OPTIONS.firstTokenTimeoutMs,
    idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_CALL_OPTIONS.idleTimeoutMs,
    totalTimeoutMs: options.totalTimeoutMs ?? DEFAULT_CALL_OPTIONS.totalTimeoutMs,
  };
}
