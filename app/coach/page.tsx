import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { BarChart3, ChevronLeft, ChevronRight, Inbox } from "lucide-react";
import { formatDate, formatVerdict, verdictTone } from "@/components/coach/format";
import { UrlDate, UrlSelect } from "@/components/coach/url-select";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { requirePageRole } from "@/lib/auth";
import {
  listQueuePrompts,
  listReviewQueue,
  queueFiltersSchema,
  VERDICTS,
  type QueueFilters,
  type QueueRow,
} from "@/lib/review";

export const metadata: Metadata = { title: "Review queue" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const TABS = [
  { status: "waiting", label: "Waiting for review", count: "waiting" },
  { status: "in-progress", label: "In progress", count: "inProgress" },
  { status: "complete", label: "Complete", count: "complete" },
  { status: "all", label: "All", count: "all" },
] as const;

export default async function CoachQueuePage({ searchParams }: { searchParams: SearchParams }) {
  await connection();
  const { db, user } = await requirePageRole("/coach", "COACH", "ADMIN");
  const raw = Object.fromEntries(
    Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]),
  ) as Record<string, string | undefined>;
  const parsed = queueFiltersSchema.safeParse(raw);
  const filters: QueueFilters = parsed.success ? parsed.data : queueFiltersSchema.parse({});
  const [queue, prompts] = await Promise.all([listReviewQueue(db.prisma, user, filters), listQueuePrompts(db.prisma)]);
  const href = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams();
    const merged = { ...raw, ...patch };
    for (const [k, v] of Object.entries(merged))
      if (v !== undefined && v !== "" && !(k === "page" && v === 1)) next.set(k, String(v));
    return `/coach${next.size ? `?${next}` : ""}`;
  };

  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-3xl font-semibold tracking-tight">Review queue</h1>
          <p className="mt-1 max-w-2xl text-sm text-zinc-500">
            {user.role === "ADMIN"
              ? "Every candidate's ended interviews with their AI report. "
              : "Ended interviews of the candidates assigned to you, and those shared with you by invite. "}
            Replay the interview, confirm or override each AI score with a reason, and comment where it matters.
          </p>
        </div>
        <Link href="/coach/calibration" className={buttonClasses({ variant: "secondary", size: "sm" })}>
          <BarChart3 className="size-4" aria-hidden /> AI–coach agreement
        </Link>
      </div>

      <nav
        className="mt-8 flex flex-wrap gap-1 border-b border-zinc-200 dark:border-zinc-800"
        aria-label="Review status"
      >
        {TABS.map((tab) => {
          const active = filters.status === tab.status;
          return (
            <Link
              key={tab.status}
              href={href({ status: tab.status === "waiting" ? undefined : tab.status, page: undefined })}
              aria-current={active ? "page" : undefined}
              className={cn(
                "-mb-px inline-flex items-center gap-2 border-b-2 px-3 pb-2.5 text-sm transition",
                active
                  ? "border-accent-600 dark:border-accent-400 font-medium text-zinc-900 dark:text-zinc-100"
                  : "border-transparent text-zinc-500 hover:text-zinc-900 dark:hover:text-zinc-100",
              )}
            >
              {tab.label}
              <span
                className={cn(
                  "rounded-full px-1.5 py-0.5 text-xs tabular-nums",
                  active
                    ? "bg-accent-100 text-accent-800 dark:bg-accent-950 dark:text-accent-200"
                    : "bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-400",
                )}
              >
                {queue.counts[tab.count]}
              </span>
            </Link>
          );
        })}
      </nav>

      <div className="mt-5 flex flex-wrap items-end gap-3" role="group" aria-label="Filters">
        <UrlSelect
          param="prompt"
          label="Prompt"
          value={filters.prompt ?? ""}
          allLabel="All prompts"
          options={prompts.map((p) => ({ value: p.slug, label: p.title }))}
          className="w-64"
        />
        <UrlSelect
          param="verdict"
          label="AI verdict"
          value={filters.verdict ?? ""}
          allLabel="Any verdict"
          options={VERDICTS.map((v) => ({ value: v, label: v[0]!.toUpperCase() + v.slice(1) }))}
          className="w-44"
        />
        <UrlDate param="from" label="From" value={filters.from ?? ""} />
        <UrlDate param="to" label="To" value={filters.to ?? ""} />
        {(filters.prompt || filters.verdict || filters.from || filters.to) && (
          <Link
            href={href({ prompt: undefined, verdict: undefined, from: undefined, to: undefined, page: undefined })}
            className="h-9 px-2 text-sm leading-9 text-zinc-500 underline-offset-2 hover:text-zinc-900 hover:underline dark:hover:text-zinc-100"
          >
            Clear filters
          </Link>
        )}
      </div>
      {!parsed.success && (
        <p className="mt-3 text-sm text-amber-700 dark:text-amber-400" role="alert">
          Some filters in the address were not understood ({parsed.error.issues[0]?.message}); showing the defaults.
        </p>
      )}

      {queue.rows.length === 0 ? (
        <EmptyQueue
          filtered={Boolean(filters.prompt || filters.verdict || filters.from || filters.to)}
          status={filters.status}
        />
      ) : (
        <div className="mt-5 overflow-x-auto rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-zinc-200 bg-zinc-50 text-xs text-zinc-500 dark:border-zinc-800 dark:bg-zinc-900/60">
              <tr>
                <th className="px-4 py-2.5 font-medium">Candidate</th>
                <th className="px-4 py-2.5 font-medium">Prompt</th>
                <th className="px-4 py-2.5 font-medium">Date</th>
                <th className="px-4 py-2.5 font-medium">AI verdict</th>
                <th className="px-4 py-2.5 text-right font-medium">Score</th>
                <th className="px-4 py-2.5 font-medium">Your review</th>
                <th className="px-4 py-2.5">
                  <span className="sr-only">Open</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {queue.rows.map((row) => (
                <QueueTableRow key={row.interviewId} row={row} />
              ))}
            </tbody>
          </table>
        </div>
      )}

      {(queue.page > 1 || queue.hasMore) && (
        <nav className="mt-4 flex items-center justify-between text-sm" aria-label="Pages">
          <span className="text-zinc-500">Page {queue.page}</span>
          <div className="flex gap-2">
            {queue.page > 1 && (
              <Link
                href={href({ page: queue.page - 1 })}
                className={buttonClasses({ variant: "secondary", size: "sm" })}
              >
                <ChevronLeft className="size-4" aria-hidden /> Newer
              </Link>
            )}
            {queue.hasMore && (
              <Link
                href={href({ page: queue.page + 1 })}
                className={buttonClasses({ variant: "secondary", size: "sm" })}
              >
                Older <ChevronRight className="size-4" aria-hidden />
              </Link>
            )}
          </div>
        </nav>
      )}
    </div>
  );
}

function QueueTableRow({ row }: { row: QueueRow }) {
  const report = row.report;
  return (
    <tr
      className="group hover:bg-zinc-50 dark:hover:bg-zinc-800/40"
      data-testid="queue-row"
      data-interview-id={row.interviewId}
    >
      <td className="px-4 py-3">
        <div className="font-medium">{row.candidate.name}</div>
        <div className="text-xs text-zinc-500">{row.candidate.email}</div>
      </td>
      <td className="px-4 py-3">
        <div>{row.prompt.title}</div>
        <div className="text-xs text-zinc-500">
          <span className="capitalize">{row.level}</span> · {row.durationMinutes} min · {row.model}
        </div>
      </td>
      <td className="px-4 py-3 whitespace-nowrap text-zinc-600 tabular-nums dark:text-zinc-400">
        {formatDate(row.startedAt)}
      </td>
      <td className="px-4 py-3">
        {!report || report.status === "pending" ? (
          <Badge className="whitespace-nowrap">Scoring…</Badge>
        ) : report.status === "incomplete" ? (
          <Badge tone="amber" className="whitespace-nowrap">
            Report incomplete
          </Badge>
        ) : report.verdict ? (
          <Badge tone={verdictTone(report.verdict)} className="whitespace-nowrap">
            {formatVerdict(report.verdict)}
          </Badge>
        ) : (
          <span className="text-zinc-500">No verdict</span>
        )}
      </td>
      <td className="px-4 py-3 text-right tabular-nums">
        {report?.weightedScore != null ? report.weightedScore.toFixed(1) : "—"}
      </td>
      <td className="px-4 py-3">
        {row.review.status === "complete" ? (
          <Badge tone="green" className="whitespace-nowrap">
            Complete
          </Badge>
        ) : row.review.status === "in-progress" ? (
          <Badge tone="accent" className="whitespace-nowrap">
            In progress
          </Badge>
        ) : (
          <Badge className="whitespace-nowrap">Not started</Badge>
        )}
        {row.review.overrides > 0 && (
          <span className="ml-2 text-xs text-zinc-500">
            {row.review.overrides} override{row.review.overrides === 1 ? "" : "s"}
          </span>
        )}
      </td>
      <td className="px-4 py-3 text-right">
        <Link
          href={`/coach/interviews/${row.interviewId}`}
          className={buttonClasses({ variant: row.review.status === "complete" ? "secondary" : "primary", size: "sm" })}
          aria-label={`Review ${row.candidate.name}'s ${row.prompt.title} interview`}
        >
          Review
        </Link>
      </td>
    </tr>
  );
}

function EmptyQueue({ filtered, status }: { filtered: boolean; status: QueueFilters["status"] }) {
  return (
    <div className="mt-5 rounded-xl border border-dashed border-zinc-300 p-12 text-center dark:border-zinc-700">
      <Inbox className="mx-auto size-8 text-zinc-400" aria-hidden />
      <p className="mt-3 font-medium">
        {filtered
          ? "No interviews match these filters."
          : status === "waiting"
            ? "Nothing is waiting for you."
            : "No interviews here yet."}
      </p>
      <p className="mt-1 text-sm text-zinc-500">
        Interviews appear once a candidate assigned to you (or who shared an interview with you) finishes one.
      </p>
    </div>
  );
}
