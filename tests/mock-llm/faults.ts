/** Parsing and validation of injected faults (from the x-mock-fault header or the control API). */
import { isRecord } from "./text";
import type { MockFault } from "./types";

/** Chunks streamed before a `cut` fault when afterChunks is not given. */
export const DEFAULT_CUT_AFTER_CHUNKS = 3;
/** Seconds in the retry-after header of a `rate_limit` fault when retryAfterSeconds is not given. */
export const DEFAULT_RETRY_AFTER_SECONDS = 1;

/**
 * Parses a fault from a JSON value. Returns an error message instead when the value is not a fault,
 * so callers can answer 400 with it.
 */
export function parseFault(value: unknown): MockFault | string {
  if (!isRecord(value) || typeof value.type !== "string") return "a fault needs a string `type`";
  switch (value.type) {
    case "rate_limit":
      return {
        type: "rate_limit",
        retryAfterSeconds: optionalNumber(value.retryAfterSeconds, DEFAULT_RETRY_AFTER_SECONDS),
      };
    case "cut":
      return { type: "cut", afterChunks: optionalNumber(value.afterChunks, DEFAULT_CUT_AFTER_CHUNKS) };
    case "server_error":
    case "overloaded":
    case "hang":
    case "malformed":
      return { type: value.type };
    default:
      return `unknown fault type "${value.type}"`;
  }
}

/**
 * Parses the x-mock-fault header: either JSON (`{"type":"cut","afterChunks":2}`) or a shorthand
 * `type[:number]` where the number is retryAfterSeconds or afterChunks (`rate_limit:2`, `cut:5`, `hang`).
 */
export function parseFaultHeader(header: string): MockFault | string {
  const trimmed = header.trim();
  if (trimmed.startsWith("{")) {
    try {
      return parseFault(JSON.parse(trimmed));
    } catch {
      return "x-mock-fault is not valid JSON";
    }
  }
  const [type = "", argument] = trimmed.split(":");
  const number = argument === undefined ? undefined : Number(argument);
  return parseFault({ type, retryAfterSeconds: number, afterChunks: number });
}

function optionalNumber(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : fallback;
}
