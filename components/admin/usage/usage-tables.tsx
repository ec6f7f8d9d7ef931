import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import type { ProviderLatency, UsageTotals } from "@/lib/usage/stats";
import { formatCompact, formatInt, formatMs, formatPercent, formatUsd } from "./format";

export function Card({
  title,
  description,
  children,
  className,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  const id = `card-${title.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <section
      aria-labelledby={id}
      className={cn(
        "rounded-xl border border-zinc-200 bg-white shadow-xs dark:border-zinc-800 dark:bg-zinc-900/60",
        className,
      )}
    >
      <header className="px-5 pt-4 pb-3">
        <h2 id={id} className="text-sm font-semibold">
          {title}
        </h2>
        {description && <p className="mt-0.5 text-xs text-zinc-500">{description}</p>}
      </header>
      {children}
    </section>
  );
}

const th = "px-3 py-2 font-medium first:pl-5 last:pr-5";
const td = "px-3 py-2 first:pl-5 last:pr-5";
const num = "text-right tabular-nums";

export interface BreakdownRow extends UsageTotals {
  key: string;
  label: ReactNode;
}

/** Tokens and cost per group, with each row's share of all tokens in the range. */
export function BreakdownTable({
  rows,
  total,
  labelHeading,
  empty,
  compact = false,
}: {
  rows: BreakdownRow[];
  total: UsageTotals;
  labelHeading: string;
  empty: string;
  /** For half-width cards: one tokens column (input and output under it) instead of three. */
  compact?: boolean;
}) {
  if (rows.length === 0) return <p className="px-5 pb-5 text-sm text-zinc-500">{empty}</p>;
  const allTokens = total.inputTokens + total.outputTokens;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="border-y border-zinc-200 bg-zinc-50 text-xs text-zinc-500 dark:border-zinc-800 dark:bg-zinc-900">
          <tr>
            <th className={th}>{labelHeading}</th>
            <th className={cn(th, num)}>Calls</th>
            {compact ? (
              <th className={cn(th, num)}>Tokens</th>
            ) : (
              <>
                <th className={cn(th, num)}>Input</th>
                <th className={cn(th, num)}>Cached</th>
                <th className={cn(th, num)}>Output</th>
              </>
            )}
            <th className={cn(th, num)}>Cost</th>
            <th className={cn(th, compact ? "w-28" : "w-40")}>{compact ? "Share" : "Share of tokens"}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800/70">
          {rows.map((r) => {
            const tokens = r.inputTokens + r.outputTokens;
            return (
              <tr key={r.key} className="hover:bg-zinc-50/70 dark:hover:bg-zinc-800/30">
                <td className={cn(td, "max-w-64")}>{r.label}</td>
                <td className={cn(td, num, "whitespace-nowrap")}>
                  {formatInt(r.calls)}
                  {r.errors > 0 && (
                    <span className="block text-xs text-rose-600 dark:text-rose-400">{formatInt(r.errors)} failed</span>
                  )}
                </td>
                {compact ? (
                  <td className={cn(td, num, "whitespace-nowrap")}>
                    {formatInt(tokens)}
                    <span className="block text-xs text-zinc-500">
                      {formatCompact(r.inputTokens)} in · {formatCompact(r.outputTokens)} out
                    </span>
                  </td>
                ) : (
                  <>
                    <td className={cn(td, num)}>{formatInt(r.inputTokens)}</td>
                    <td className={cn(td, num, "text-zinc-500")}>{formatInt(r.cachedTokens)}</td>
                    <td className={cn(td, num)}>{formatInt(r.outputTokens)}</td>
                  </>
                )}
                <td className={cn(td, num, "font-medium whitespace-nowrap")}>{formatUsd(r.costUsd)}</td>
                <td className={td}>
                  <ShareBar part={tokens} whole={allTokens} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function ShareBar({ part, whole }: { part: number; whole: number }) {
  const share = whole > 0 ? part / whole : 0;
  return (
    <div className="flex items-center gap-2">
      <div className="h-1.5 flex-1 overflow-hidden rounded-full bg-zinc-100 dark:bg-zinc-800">
        <div className="bg-accent-500 dark:bg-accent-400 h-full rounded-full" style={{ width: `${share * 100}%` }} />
      </div>
      <span className="w-10 text-right text-xs text-zinc-500 tabular-nums">{formatPercent(part, whole)}</span>
    </div>
  );
}

/** p50 / p95 / p99 of latency and time to first token per provider, over successful calls. */
export function LatencyTable({ rows }: { rows: ProviderLatency[] }) {
  if (rows.length === 0) return <p className="px-5 pb-5 text-sm text-zinc-500">No model calls in this range.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="border-y border-zinc-200 bg-zinc-50 text-xs text-zinc-500 dark:border-zinc-800 dark:bg-zinc-900">
          <tr>
            <th className={th} rowSpan={2}>
              Provider
            </th>
            <th className={cn(th, num)} rowSpan={2}>
              Calls
            </th>
            <th className={cn(th, num)} rowSpan={2}>
              Errors
            </th>
            <th className={cn(th, "border-l border-zinc-200 text-center dark:border-zinc-800")} colSpan={3}>
              Latency
            </th>
            <th className={cn(th, "border-l border-zinc-200 text-center dark:border-zinc-800")} colSpan={3}>
              Time to first token
            </th>
          </tr>
          <tr>
            {["p50", "p95", "p99", "p50", "p95", "p99"].map((p, i) => (
              <th
                key={i}
                className={cn(th, num, "pt-0", i % 3 === 0 && "border-l border-zinc-200 dark:border-zinc-800")}
              >
                {p}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800/70">
          {rows.map((r) => (
            <tr key={r.provider} className="hover:bg-zinc-50/70 dark:hover:bg-zinc-800/30">
              <td className={td}>
                <span className="font-medium">{r.provider}</span>
                {r.provider === "offline" && <span className="ml-2 text-xs text-zinc-500">no model</span>}
              </td>
              <td className={cn(td, num)}>{formatInt(r.calls)}</td>
              <td className={cn(td, num)}>
                {r.errors > 0 ? (
                  <Badge tone="red">
                    {formatInt(r.errors)} · {formatPercent(r.errors, r.calls)}
                  </Badge>
                ) : (
                  <span className="text-zinc-400">0</span>
                )}
                {r.cancelled > 0 && (
                  <span className="block text-xs text-zinc-500">{formatInt(r.cancelled)} cancelled</span>
                )}
              </td>
              {(["latencyMs", "ttftMs"] as const).flatMap((kind) =>
                (["p50", "p95", "p99"] as const).map((p) => (
                  <td
                    key={`${kind}-${p}`}
                    className={cn(
                      td,
                      num,
                      p === "p50" && "border-l border-zinc-100 dark:border-zinc-800/70",
                      p === "p50" ? "font-medium" : "text-zinc-600 dark:text-zinc-400",
                    )}
                  >
                    {formatMs(r[kind]?.[p])}
                  </td>
                )),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
