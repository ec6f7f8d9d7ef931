import "server-only";
import { createHash } from "node:crypto";

/** Serialises with sorted keys, so the hash changes only when the content does. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function contentHash(content: unknown): string {
  return createHash("sha256").update(stableStringify(content)).digest("hex");
}

/** The top-level fields whose values differ, in the order of `after` (then fields only `before` had). */
export function changedFields(before: unknown, after: unknown): string[] {
  const a = (before && typeof before === "object" ? before : {}) as Record<string, unknown>;
  const b = (after && typeof after === "object" ? after : {}) as Record<string, unknown>;
  const keys = [...Object.keys(b), ...Object.keys(a).filter((k) => !Object.hasOwn(b, k))];
  return keys.filter((k) => stableStringify(a[k]) !== stableStringify(b[k]));
}
