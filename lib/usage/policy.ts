/**
 * Which limits apply to a user: the user's own values, else the server defaults. Pure, so the
 * admin pages, the API and the admission check agree on one reading of "null" and "0".
 */

/** Server-wide defaults (from DEFAULT_MONTHLY_TOKEN_QUOTA / DEFAULT_REQUESTS_PER_MINUTE); 0 = unlimited. */
export interface LimitDefaults {
  monthlyTokenQuota: number;
  requestsPerMinute: number;
}

/** A user's own settings as stored: null = use the server default, 0 = unlimited. */
export interface UserLimitSettings {
  monthlyTokenQuota: number | null;
  requestsPerMinute: number | null;
}

/** The limits in force; null = unlimited. */
export interface EffectiveLimits {
  monthlyTokenQuota: number | null;
  requestsPerMinute: number | null;
}

export function resolveLimits(user: UserLimitSettings, defaults: LimitDefaults): EffectiveLimits {
  // 0 means "unlimited" both in the environment and on a user, so one rule reads both.
  const pick = (own: number | null, fallback: number) => {
    const value = own ?? fallback;
    return value > 0 ? value : null;
  };
  return {
    monthlyTokenQuota: pick(user.monthlyTokenQuota, defaults.monthlyTokenQuota),
    requestsPerMinute: pick(user.requestsPerMinute, defaults.requestsPerMinute),
  };
}

/** The calendar month (UTC) that `now` falls in: quotas count tokens from `start` and reset at `resetsAt`. */
export function monthWindow(now: Date): { start: Date; resetsAt: Date } {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  return { start: new Date(Date.UTC(year, month, 1)), resetsAt: new Date(Date.UTC(year, month + 1, 1)) };
}

/** Tokens that count against a quota: the whole prompt (cached tokens are part of it) plus the output. */
export function quotaTokens(call: { inputTokens: number; outputTokens: number }): number {
  return call.inputTokens + call.outputTokens;
}

const numberFormat = new Intl.NumberFormat("en-US");
export const formatCount = (n: number) => numberFormat.format(Math.round(n));
