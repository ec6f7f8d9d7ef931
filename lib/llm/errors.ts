/**
 * Every way a model call can fail, as one named error. Providers throw whatever their SDK throws;
 * classifyError turns it into an LlmError whose `kind` and `retryable` drive call.ts.
 */
import "server-only";
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import type { ProviderId } from "./types";

export type LlmErrorKind =
  "rate_limit" | "overloaded" | "server" | "timeout" | "network" | "malformed" | "auth" | "bad_request" | "cancelled";

/** Worth another try (after a backoff): the same request may well succeed. */
const RETRYABLE: Record<LlmErrorKind, boolean> = {
  rate_limit: true,
  overloaded: true,
  server: true,
  timeout: true,
  network: true,
  malformed: true,
  auth: false,
  bad_request: false,
  cancelled: false,
};

/** One failed attempt, kept on the error that ends a whole chain. */
export interface LlmAttemptFailure {
  provider: ProviderId;
  model: string;
  kind: LlmErrorKind;
  message: string;
}

export class LlmError extends Error {
  readonly kind: LlmErrorKind;
  readonly retryable: boolean;
  /** How long the server asked us to wait (retry-after / retry-after-ms), when it said. */
  readonly retryAfterMs: number | null;
  readonly provider: ProviderId | null;
  /** HTTP status, when there was a response. */
  readonly status: number | null;
  /** Set on the error that ends streamWithFallback: every attempt that failed, in order. */
  readonly attempts: readonly LlmAttemptFailure[];

  constructor(init: {
    kind: LlmErrorKind;
    message: string;
    provider: ProviderId | null;
    retryable?: boolean;
    retryAfterMs?: number | null;
    status?: number | null;
    attempts?: readonly LlmAttemptFailure[];
    cause?: unknown;
  }) {
    super(init.message, { cause: init.cause });
    this.name = "LlmError";
    this.kind = init.kind;
    this.retryable = init.retryable ?? RETRYABLE[init.kind];
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.provider = init.provider;
    this.status = init.status ?? null;
    this.attempts = init.attempts ?? [];
  }
}

/** A model id that is not configured (the API answers 400 with the available ids). */
export class UnknownModelError extends Error {
  constructor(
    readonly modelId: string,
    readonly available: readonly string[],
    context = "Unknown model",
  ) {
    super(`${context} "${modelId}". Available: ${available.join(", ")}.`);
    this.name = "UnknownModelError";
  }
}

type SdkApiError = InstanceType<typeof OpenAI.APIError> | InstanceType<typeof Anthropic.APIError>;

/** Classifies anything a provider threw. `now` is for retry-after given as an HTTP date. */
export function classifyError(error: unknown, provider: ProviderId, now: number = Date.now()): LlmError {
  if (error instanceof LlmError) return error;
  const make = (
    kind: LlmErrorKind,
    message: string,
    extra: { status?: number; retryAfterMs?: number | null; retryable?: boolean } = {},
  ) => new LlmError({ kind, message, provider, cause: error, ...extra });

  // Order matters: the SDKs' abort and connection errors are subclasses of their APIError.
  if (
    error instanceof OpenAI.APIUserAbortError ||
    error instanceof Anthropic.APIUserAbortError ||
    isAbortError(error)
  ) {
    return make("cancelled", "the request was aborted");
  }
  if (error instanceof OpenAI.APIConnectionTimeoutError || error instanceof Anthropic.APIConnectionTimeoutError) {
    return make("timeout", error.message);
  }
  if (error instanceof OpenAI.APIConnectionError || error instanceof Anthropic.APIConnectionError) {
    return make("network", describeNetworkError(error));
  }
  if (error instanceof OpenAI.APIError || error instanceof Anthropic.APIError)
    return classifyApiError(error, make, now);
  // A stream whose JSON does not parse surfaces as a bare SyntaxError from either SDK.
  if (error instanceof SyntaxError) return make("malformed", `unparseable response: ${error.message}`);
  // A connection dropped mid-stream surfaces as undici's TypeError("terminated") with a SocketError cause.
  if (isNetworkError(error)) return make("network", describeNetworkError(error));
  // Anything else is an answer we could not make sense of (e.g. an unexpected event shape).
  return make("malformed", error instanceof Error ? error.message : String(error));
}

function classifyApiError(
  error: SdkApiError,
  make: (
    kind: LlmErrorKind,
    message: string,
    extra?: { status?: number; retryAfterMs?: number | null; retryable?: boolean },
  ) => LlmError,
  now: number,
): LlmError {
  const status = error.status;
  const message = apiMessage(error);
  const retryAfterMs = parseRetryAfter(error.headers, now);
  if (status === undefined) {
    // An `error` event inside a 200 stream: only the error type says what happened.
    return make(kindFromErrorType(errorType(error)), message, { retryAfterMs });
  }
  const extra = { status, retryAfterMs };
  if (status === 429) {
    // OpenAI says 429 for an exhausted quota too; waiting will not fix billing.
    const quota = errorCode(error) === "insufficient_quota";
    return make("rate_limit", message, { ...extra, retryable: !quota });
  }
  if (status === 401 || status === 402 || status === 403) return make("auth", message, extra);
  if (status === 408) return make("timeout", message, extra);
  if (status === 409) return make("server", message, extra); // lock conflicts; the SDKs retry these too
  if (status === 503 || status === 529) return make("overloaded", message, extra);
  if (status >= 500) return make("server", message, extra);
  return make("bad_request", message, extra);
}

function kindFromErrorType(type: string | null): LlmErrorKind {
  switch (type) {
    case "overloaded_error":
      return "overloaded";
    case "rate_limit_error":
    case "requests":
    case "tokens":
      return "rate_limit";
    case "authentication_error":
    case "permission_error":
      return "auth";
    case "invalid_request_error":
      return "bad_request";
    default:
      return "server";
  }
}

/**
 * Milliseconds the server asked us to wait: `retry-after-ms` (OpenAI, Anthropic), else `retry-after`
 * as seconds or an HTTP date. Null when absent or unreadable.
 */
export function parseRetryAfter(headers: Headers | undefined, now: number = Date.now()): number | null {
  const ms = headers?.get("retry-after-ms");
  if (ms != null && ms.trim() !== "" && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = headers?.get("retry-after")?.trim();
  if (value == null || value === "") return null;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** The provider's own message ("Overloaded"), not the SDK's "529 {json…}" rendering. */
function apiMessage(error: SdkApiError): string {
  const body = error.error as { message?: unknown; error?: { message?: unknown } } | undefined;
  const text = body?.error?.message ?? body?.message;
  const detail = typeof text === "string" ? text : error.message;
  return error.status === undefined ? detail : `${error.status} ${detail}`;
}

function errorType(error: SdkApiError): string | null {
  return typeof error.type === "string" ? error.type : null;
}

function errorCode(error: SdkApiError): string | null {
  const body = error.error as { code?: unknown; error?: { code?: unknown } } | undefined;
  const code = body?.code ?? body?.error?.code;
  return typeof code === "string" ? code : null;
}

function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === "AbortError";
}

const NETWORK_CODES = /^(ECONNRESET|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EPIPE|EHOSTUNREACH|UND_ERR_\w+)$/;

function isNetworkError(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && NETWORK_CODES.test(code)) return true;
  if (error instanceof TypeError && /terminated|fetch failed|network|socket/i.test(error.message)) return true;
  return error.cause !== undefined && error.cause !== error && isNetworkError(error.cause);
}

function describeNetworkError(error: Error): string {
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.message}${cause}`;
}
