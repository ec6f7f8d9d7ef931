import "server-only";
/**
 * Usage and cost from llm_calls for the admin usage page: token and cost totals by day, model, user
 * and purpose, and latency / time-to-first-token percentiles per provider. Plain SQL (through
 * db.sql), because Prisma's groupBy has no percentiles and no day bucketing; the same statements run
 * on PGlite and Postgres. Days are UTC calendar days.
 */
import type { SqlClient } from "@/lib/db/connection";

export interface UsageRange {
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
}

export const RANGE_DAYS = [7, 30, 90] as const;
export type RangeDays = (typeof RANGE_DAYS)[number];

/** The last `days` UTC calendar days, today included: from midnight `days - 1` days ago until `now`. */
export function rangeForDays(days: number, now: Date): UsageRange {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return { from: new Date(today - (days - 1) * DAY_MS), to: now };
}

const DAY_MS = 86_400_000;

export interface UsageTotals {
  calls: number;
  errors: number;
  inputTokens: number;
  cachedTokens: number;
  outputTokens: number;
  costUsd: number;
}

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

export interface ProviderLatency {
  provider: string;
  calls: number;
  ok: number;
  errors: number;
  cancelled: number;
  /** Over OK calls; null when there were none. */
  latencyMs: Percentiles | null;
  /** Over OK calls that streamed text; null when there were none. */
  ttftMs: Percentiles | null;
}

export interface UsageStats {
  range: { from: string; to: string };
  totals: UsageTotals;
  /** Every UTC day of the range, oldest first, zeros where nothing ran. */
  byDay: (UsageTotals & { day: string })[];
  /** Biggest first (input + output tokens, then cost). */
  byModel: (UsageTotals & { provider: string; model: string })[];
  /** Biggest first. `userId` null: calls whose user was deleted. */
  byUser: (UsageTotals & { userId: string | null; name: string | null; email: string | null })[];
  byPurpose: (UsageTotals & { purpose: string })[];
  latency: ProviderLatency[];
}

/** The aggregate columns every grouping shares. Sums are cast to float8 so both drivers return numbers. */
const TOTALS_SQL = `
  count(*)::int AS calls,
  (count(*) FILTER (WHERE c.status = 'ERROR'))::int AS errors,
  coalesce(sum(c.input_tokens), 0)::float8 AS input_tokens,
  coalesce(sum(c.cached_tokens), 0)::float8 AS cached_tokens,
  coalesce(sum(c.output_tokens), 0)::float8 AS output_tokens,
  coalesce(sum(c.cost_usd), 0)::float8 AS cost_usd`;

const IN_RANGE = `c.created_at >= $1 AND c.created_at < $2`;
const BIGGEST_FIRST = `ORDER BY sum(c.input_tokens + c.output_tokens) DESC NULLS LAST, sum(c.cost_usd) DESC NULLS LAST`;

type TotalsRow = {
  calls: number;
  errors: number;
  input_tokens: number;
  cached_tokens: number;
  output_tokens: number;
  cost_usd: number;
};

function totals(row: TotalsRow | undefined): UsageTotals {
  return {
    calls: Number(row?.calls ?? 0),
    errors: Number(row?.errors ?? 0),
    inputTokens: Number(row?.input_tokens ?? 0),
    cachedTokens: Number(row?.cached_tokens ?? 0),
    outputTokens: Number(row?.output_tokens ?? 0),
    costUsd: Number(row?.cost_usd ?? 0),
  };
}

export async function loadUsageStats(sql: Pick<SqlClient, "query">, range: UsageRange): Promise<UsageStats> {
  if (!(range.from < range.to)) throw new RangeError("the usage range must end after it starts");
  const params = [range.from, range.to];
  const [all, days, models, users, purposes, latency] = await Promise.all([
    sql.query<TotalsRow>(`SELECT ${TOTALS_SQL} FROM llm_calls c WHERE ${IN_RANGE}`, params),
    sql.query<TotalsRow & { day: string }>(
      `SELECT to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, ${TOTALS_SQL}
       FROM llm_calls c WHERE ${IN_RANGE} GROUP BY 1`,
      params,
    ),
    sql.query<TotalsRow & { provider: string; model: string }>(
      `SELECT c.provider, c.model, ${TOTALS_SQL}
       FROM llm_calls c WHERE ${IN_RANGE} GROUP BY c.provider, c.model ${BIGGEST_FIRST}, c.provider, c.model`,
      params,
    ),
    sql.query<TotalsRow & { user_id: string | null; name: string | null; email: string | null }>(
      `SELECT c.user_id, u.name, u.email, ${TOTALS_SQL}
       FROM llm_calls c LEFT JOIN users u ON u.id = c.user_id
       WHERE ${IN_RANGE} GROUP BY c.user_id, u.name, u.email ${BIGGEST_FIRST}, u.email`,
      params,
    ),
    sql.query<TotalsRow & { purpose: string }>(
      `SELECT c.purpose, ${TOTALS_SQL}
       FROM llm_calls c WHERE ${IN_RANGE} GROUP BY c.purpose ${BIGGEST_FIRST}, c.purpose`,
      params,
    ),
    sql.query<LatencyRow>(LATENCY_SQL, params),
  ]);

  const byDate = new Map(days.map((d) => [d.day, d]));
  return {
    range: { from: range.from.toISOString(), to: range.to.toISOString() },
    totals: totals(all[0]),
    byDay: utcDays(range).map((day) => ({ day, ...totals(byDate.get(day)) })),
    byModel: models.map((r) => ({ provider: r.provider, model: r.model, ...totals(r) })),
    byUser: users.map((r) => ({ userId: r.user_id, name: r.name, email: r.email, ...totals(r) })),
    byPurpose: purposes.map((r) => ({ purpose: r.purpose, ...totals(r) })),
    latency: latency.map(toProviderLatency),
  };
}

// Latency percentiles over successful calls only: a timeout or a refused request says nothing about
// how fast the provider answers (failures are counted beside them instead).
const pct = (p: number, column: string, name: string) =>
  `percentile_cont(${p}) WITHIN GROUP (ORDER BY c.${column}) FILTER (WHERE c.status = 'OK') AS ${name}`;

const LATENCY_SQL = `
  SELECT c.provider,
    count(*)::int AS calls,
    (count(*) FILTER (WHERE c.status = 'OK'))::int AS ok,
    (count(*) FILTER (WHERE c.status = 'ERROR'))::int AS errors,
    (count(*) FILTER (WHERE c.status = 'CANCELLED'))::int AS cancelled,
    ${pct(0.5, "latency_ms", "latency_p50")}, ${pct(0.95, "latency_ms", "latency_p95")},
    ${pct(0.99, "latency_ms", "latency_p99")},
    ${pct(0.5, "ttft_ms", "ttft_p50")}, ${pct(0.95, "ttft_ms", "ttft_p95")}, ${pct(0.99, "ttft_ms", "ttft_p99")}
  FROM llm_calls c WHERE ${IN_RANGE}
  GROUP BY c.provider ORDER BY count(*) DESC, c.provider`;

type LatencyRow = {
  provider: string;
  calls: number;
  ok: number;
  errors: number;
  cancelled: number;
} & Record<`${"latency" | "ttft"}_p${50 | 95 | 99}`, number | null>;

function toProviderLatency(row: LatencyRow): ProviderLatency {
  // percentile_cont skips nulls, so all three are null together (no OK call with a value).
  const percentiles = (kind: "latency" | "ttft"): Percentiles | null =>
    row[`${kind}_p50`] === null
      ? null
      : { p50: Number(row[`${kind}_p50`]), p95: Number(row[`${kind}_p95`]), p99: Number(row[`${kind}_p99`]) };
  return {
    provider: row.provider,
    calls: Number(row.calls),
    ok: Number(row.ok),
    errors: Number(row.errors),
    cancelled: Number(row.cancelled),
    latencyMs: percentiles("latency"),
    ttftMs: percentiles("ttft"),
  };
}

/** "YYYY-MM-DD" for each UTC day that overlaps the range. */
export function utcDays(range: UsageRange): string[] {
  const days: string[] = [];
  const first = Date.UTC(range.from.getUTCFullYear(), range.from.getUTCMonth(), range.from.getUTCDate());
  for (let t = first; t < range.to.getTime(); t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}
