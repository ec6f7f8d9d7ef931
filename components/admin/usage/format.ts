/** Number formats for the admin pages (en-US grouping, so tables line up the same for everyone). */

const whole = new Intl.NumberFormat("en-US");
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

export const formatInt = (n: number) => whole.format(Math.round(n));

/** 1234567 → "1.2M"; small numbers stay whole. */
export const formatCompact = (n: number) => (Math.abs(n) < 10_000 ? formatInt(n) : compact.format(n));

/** Dollars: cents for amounts of a dollar or more, four decimals below (model calls cost fractions of a cent). */
export function formatUsd(n: number): string {
  if (n === 0) return "$0";
  if (Math.abs(n) >= 1) return `$${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  if (Math.abs(n) < 0.0001) return "<$0.0001";
  return `$${n.toFixed(4)}`;
}

/** 350 → "350 ms", 1500 → "1.50 s". */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export const formatPercent = (part: number, whole: number) =>
  whole === 0 ? "—" : `${((100 * part) / whole).toFixed(part / whole < 0.1 ? 1 : 0)}%`;

const dayFormat = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const longDayFormat = new Intl.DateTimeFormat("en-US", {
  weekday: "short",
  month: "short",
  day: "numeric",
  year: "numeric",
  timeZone: "UTC",
});

/** "2026-11-16" → "Nov 16" (UTC, like the buckets). */
export const formatDay = (day: string) => dayFormat.format(new Date(`${day}T00:00:00Z`));
export const formatLongDay = (day: string) => longDayFormat.format(new Date(`${day}T00:00:00Z`));

/** A round axis maximum ≥ max whose quarters are round too (e.g. 600K → ticks every 150K). */
export function niceCeiling(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 1.2, 1.6, 2, 2.4, 3, 4, 5, 6, 8, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}
