"use client";

import { useState, type CSSProperties } from "react";
import { cn } from "@/components/ui/cn";
import { formatCompact, formatDay, formatInt, formatLongDay, formatUsd, niceCeiling } from "./format";

export interface DayPoint {
  day: string;
  calls: number;
  errors: number;
  inputTokens: number;
  cachedTokens: number;
  outputTokens: number;
  costUsd: number;
}

type Metric = "tokens" | "cost" | "calls";

interface Segment {
  key: string;
  label: string;
  className: string;
  value: (d: DayPoint) => number;
}

// Stacked from the bottom up. Cached input is the lighter shade of input: it is part of the prompt.
const SERIES: Record<Metric, { label: string; format: (n: number) => string; segments: Segment[] }> = {
  tokens: {
    label: "Tokens",
    format: formatCompact,
    segments: [
      {
        key: "input",
        label: "Input (uncached)",
        className: "bg-accent-500 dark:bg-accent-400",
        value: (d) => d.inputTokens - d.cachedTokens,
      },
      {
        key: "cached",
        label: "Input (cached)",
        className: "bg-accent-200 dark:bg-accent-800",
        value: (d) => d.cachedTokens,
      },
      { key: "output", label: "Output", className: "bg-amber-400 dark:bg-amber-500", value: (d) => d.outputTokens },
    ],
  },
  cost: {
    label: "Cost",
    format: formatUsd,
    segments: [
      { key: "cost", label: "Cost (USD)", className: "bg-emerald-500 dark:bg-emerald-400", value: (d) => d.costUsd },
    ],
  },
  calls: {
    label: "Calls",
    format: formatInt,
    segments: [
      { key: "ok", label: "Succeeded", className: "bg-zinc-400 dark:bg-zinc-500", value: (d) => d.calls - d.errors },
      { key: "errors", label: "Errors", className: "bg-rose-500 dark:bg-rose-400", value: (d) => d.errors },
    ],
  },
};

/**
 * Per-day bars (HTML, not a chart library: the bars are flex items, so they fit any width and the
 * labels stay crisp). Switch between tokens (stacked input / cached / output), cost and calls; hover
 * or focus a day for its numbers.
 */
export function DailyChart({ days }: { days: DayPoint[] }) {
  const [metric, setMetric] = useState<Metric>("tokens");
  const [active, setActive] = useState<number | null>(null);
  const series = SERIES[metric];
  const totals = days.map((d) => series.segments.reduce((sum, s) => sum + s.value(d), 0));
  // Tokens and calls are whole numbers: keep the quarter ticks whole too (no "1, 1, 1, 0" axis).
  const nice = niceCeiling(Math.max(0, ...totals));
  const top = metric === "cost" ? nice : Math.max(4, Math.ceil(nice / 4) * 4);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * top);
  const labelEvery = days.length <= 10 ? 1 : days.length <= 31 ? 5 : 15;
  const shown = active === null ? null : days[active];

  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <ul className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
          {series.segments.map((s) => (
            <li key={s.key} className="flex items-center gap-1.5">
              <span className={cn("size-2.5 rounded-sm", s.className)} aria-hidden />
              {s.label}
            </li>
          ))}
        </ul>
        <div
          role="radiogroup"
          aria-label="Chart metric"
          className="inline-flex rounded-lg border border-zinc-200 bg-zinc-100 p-0.5 text-xs dark:border-zinc-800 dark:bg-zinc-900"
        >
          {(Object.keys(SERIES) as Metric[]).map((m) => (
            <button
              key={m}
              type="button"
              role="radio"
              aria-checked={metric === m}
              onClick={() => setMetric(m)}
              className={cn(
                "rounded-md px-2.5 py-1 font-medium transition",
                metric === m
                  ? "bg-white text-zinc-900 shadow-sm dark:bg-zinc-700 dark:text-zinc-50"
                  : "text-zinc-500 hover:text-zinc-900 dark:hover:text-zinc-100",
              )}
            >
              {SERIES[m].label}
            </button>
          ))}
        </div>
      </div>

      <div className="relative mt-4 pl-12">
        {/* Grid lines and their labels. */}
        <div className="pointer-events-none absolute top-0 right-0 left-12 h-52" aria-hidden>
          {ticks.map((t) => (
            <div
              key={t}
              className="absolute inset-x-0 border-t border-dashed border-zinc-200 dark:border-zinc-800"
              style={{ bottom: `${(t / top) * 100}%` }}
            >
              <span className="absolute -top-2 -left-12 w-10 text-right text-[10px] text-zinc-400 tabular-nums">
                {series.format(t)}
              </span>
            </div>
          ))}
        </div>

        <div className="relative flex h-52 items-end gap-[2px]" onMouseLeave={() => setActive(null)}>
          {days.map((d, i) => (
            <button
              key={d.day}
              type="button"
              className="group relative flex h-full min-w-0 flex-1 flex-col items-center justify-end rounded-sm outline-offset-1 focus-visible:outline-2"
              onMouseEnter={() => setActive(i)}
              onFocus={() => setActive(i)}
              onBlur={() => setActive(null)}
              aria-label={`${formatLongDay(d.day)}: ${series.segments
                .map((s) => `${s.label} ${series.format(s.value(d))}`)
                .join(", ")}`}
            >
              <span
                className={cn(
                  "absolute inset-0 rounded-sm transition",
                  active === i ? "bg-zinc-900/5 dark:bg-white/5" : "bg-transparent",
                )}
                aria-hidden
              />
              {[...series.segments].reverse().map((s) => {
                const value = s.value(d);
                if (value <= 0) return null;
                return (
                  <span
                    key={s.key}
                    className={cn("relative block w-full max-w-14 first:rounded-t-[3px]", s.className)}
                    style={{ height: `${(value / top) * 100}%`, minHeight: 1 }}
                  />
                );
              })}
            </button>
          ))}
        </div>

        {/* Day labels. */}
        <div className="mt-2 flex gap-[2px]" aria-hidden>
          {days.map((d, i) => (
            <span key={d.day} className="relative min-w-0 flex-1 text-center text-[10px] text-zinc-400">
              {(days.length - 1 - i) % labelEvery === 0 && (
                <span className="absolute left-1/2 -translate-x-1/2 whitespace-nowrap">{formatDay(d.day)}</span>
              )}
            </span>
          ))}
        </div>

        {shown && active !== null && (
          <div
            className="pointer-events-none absolute top-0 z-10 w-56 rounded-lg border border-zinc-200 bg-white p-3 text-xs shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
            style={tooltipPosition(active, days.length)}
            role="status"
          >
            <p className="font-medium text-zinc-900 dark:text-zinc-100">{formatLongDay(shown.day)}</p>
            <dl className="mt-2 grid grid-cols-[1fr_auto] gap-x-3 gap-y-1 tabular-nums">
              <dt className="text-zinc-500">Input tokens</dt>
              <dd className="text-right">{formatInt(shown.inputTokens)}</dd>
              <dt className="text-zinc-500">of which cached</dt>
              <dd className="text-right">{formatInt(shown.cachedTokens)}</dd>
              <dt className="text-zinc-500">Output tokens</dt>
              <dd className="text-right">{formatInt(shown.outputTokens)}</dd>
              <dt className="text-zinc-500">Cost</dt>
              <dd className="text-right">{formatUsd(shown.costUsd)}</dd>
              <dt className="text-zinc-500">Calls</dt>
              <dd className="text-right">
                {formatInt(shown.calls)}
                {shown.errors > 0 && <span className="text-rose-600 dark:text-rose-400"> · {shown.errors} failed</span>}
              </dd>
            </dl>
          </div>
        )}
      </div>
    </div>
  );
}

/** Beside the hovered bar, flipped to its left in the right half so it never leaves the card. */
function tooltipPosition(index: number, count: number): CSSProperties {
  const center = ((index + 0.5) / count) * 100;
  return center < 50
    ? { left: `calc(3rem + (100% - 3rem) * ${center / 100} + 12px)` }
    : { right: `calc((100% - 3rem) * ${(100 - center) / 100} + 12px)` };
}
