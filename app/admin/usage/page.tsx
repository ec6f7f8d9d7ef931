import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { ChevronLeft } from "lucide-react";
import { DailyChart } from "@/components/admin/usage/daily-chart";
import { formatCompact, formatDay, formatInt, formatPercent, formatUsd } from "@/components/admin/usage/format";
import { RangePicker } from "@/components/admin/usage/range-picker";
import { StatCard } from "@/components/admin/usage/stat-card";
import { BreakdownTable, Card, LatencyTable } from "@/components/admin/usage/usage-tables";
import { requirePageRole } from "@/lib/auth";
import { loadUsageStats, rangeForDays, RANGE_DAYS } from "@/lib/usage/stats";

export const metadata: Metadata = { title: "Usage and cost" };

const PURPOSES: Record<string, string> = {
  interviewer: "Interviewer replies",
  judge: "Scoring (AI judge)",
};

export default async function UsagePage({ searchParams }: { searchParams: Promise<{ days?: string }> }) {
  await connection();
  const { db } = await requirePageRole("/admin/usage", "ADMIN");
  const asked = Number((await searchParams).days);
  // An unknown value falls back to 30 days rather than an error page: it only ever comes from a URL.
  const days = (RANGE_DAYS as readonly number[]).includes(asked) ? asked : 30;
  const stats = await loadUsageStats(db.sql, rangeForDays(days, new Date()));
  const { totals } = stats;
  const tokens = totals.inputTokens + totals.outputTokens;
  const firstDay = stats.byDay[0]?.day;
  const lastDay = stats.byDay.at(-1)?.day;

  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
      <Link
        href="/admin"
        className="inline-flex items-center gap-1 text-sm text-zinc-500 hover:text-zinc-900 dark:hover:text-zinc-100"
      >
        <ChevronLeft className="size-4" aria-hidden />
        Admin
      </Link>
      <div className="mt-2 flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-3xl font-semibold tracking-tight">Usage and cost</h1>
          <p className="mt-1 text-sm text-zinc-500">
            Every model call, including retries and the offline interviewer
            {firstDay && lastDay && (
              <>
                {" "}
                · {formatDay(firstDay)} – {formatDay(lastDay)}, UTC days
              </>
            )}
          </p>
        </div>
        <RangePicker days={days} options={RANGE_DAYS} />
      </div>

      <div className="mt-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <StatCard
          label="Tokens"
          value={formatCompact(tokens)}
          detail={`${formatCompact(totals.inputTokens)} in (${formatPercent(totals.cachedTokens, totals.inputTokens)} cached) · ${formatCompact(totals.outputTokens)} out`}
        />
        <StatCard
          label="Cost"
          value={formatUsd(totals.costUsd)}
          detail={totals.calls > 0 ? `${formatUsd(totals.costUsd / days)} a day on average` : "Nothing spent"}
        />
        <StatCard
          label="Model calls"
          value={formatInt(totals.calls)}
          detail={`${stats.byUser.length} ${stats.byUser.length === 1 ? "user" : "users"} · ${stats.byModel.length} ${stats.byModel.length === 1 ? "model" : "models"}`}
        />
        <StatCard
          label="Failed calls"
          value={formatInt(totals.errors)}
          detail={totals.calls > 0 ? `${formatPercent(totals.errors, totals.calls)} of calls` : "—"}
        />
      </div>

      <Card title="Per day" className="mt-6" description="Hover a day for its numbers.">
        <div className="px-5 pb-5">
          <DailyChart days={stats.byDay} />
        </div>
      </Card>

      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Card title="By model" description="Failed attempts count as calls; they carry no tokens.">
          <BreakdownTable
            compact
            labelHeading="Model"
            total={totals}
            empty="No model calls in this range."
            rows={stats.byModel.map((r) => ({
              ...r,
              key: `${r.provider}/${r.model}`,
              label: (
                <>
                  <span className="block truncate font-medium">{r.model}</span>
                  <span className="block text-xs text-zinc-500">{r.provider}</span>
                </>
              ),
            }))}
          />
        </Card>
        <Card title="By purpose" description="What the calls were for.">
          <BreakdownTable
            compact
            labelHeading="Purpose"
            total={totals}
            empty="No model calls in this range."
            rows={stats.byPurpose.map((r) => ({
              ...r,
              key: r.purpose,
              label: (
                <>
                  <span className="block font-medium">{PURPOSES[r.purpose] ?? r.purpose}</span>
                  <span className="block font-mono text-xs text-zinc-500">{r.purpose}</span>
                </>
              ),
            }))}
          />
        </Card>
      </div>

      <Card
        title="By user"
        className="mt-6"
        description={
          <>
            Biggest spenders first. Quotas and rate limits are set on the{" "}
            <Link
              href="/admin/users"
              className="text-accent-700 dark:text-accent-300 underline-offset-2 hover:underline"
            >
              users page
            </Link>
            .
          </>
        }
      >
        <BreakdownTable
          labelHeading="User"
          total={totals}
          empty="No model calls in this range."
          rows={stats.byUser.map((r) => ({
            ...r,
            key: r.userId ?? "deleted",
            label: r.userId ? (
              <>
                <span className="block truncate font-medium">{r.name}</span>
                <span className="block truncate text-xs text-zinc-500">{r.email}</span>
              </>
            ) : (
              <span className="text-zinc-500 italic">Deleted users</span>
            ),
          }))}
        />
      </Card>

      <Card
        title="Latency by provider"
        className="mt-6"
        description="Percentiles over successful calls; failed and cancelled calls are counted beside them."
      >
        <LatencyTable rows={stats.latency} />
      </Card>
    </div>
  );
}
