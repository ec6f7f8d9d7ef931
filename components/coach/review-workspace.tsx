"use client";

import { CheckCircle2, ChevronLeft, Loader2, RotateCcw } from "lucide-react";
import Link from "next/link";
import { Dialog } from "radix-ui";
import { useState } from "react";
import { Group, Panel, Separator } from "react-resizable-panels";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { MAX_SUMMARY_LENGTH } from "@/lib/review/schemas";
import type { ReviewWorkspace as Workspace } from "@/lib/review/workspace";
import { BoardReplay } from "./board-replay";
import { CommentList } from "./comments";
import { DimensionReview } from "./dimension-review";
import { formatDate, formatVerdict, verdictTone } from "./format";
import { ReviewStoreProvider, useReview } from "./review-store";
import { TranscriptPanel } from "./transcript-panel";

/**
 * The coach's review page: transcript (left) and board replay with a time scrubber (middle) in sync,
 * and the AI report with per-dimension overrides and the comments (right). Panels are resizable.
 */
export function ReviewWorkspace({ workspace }: { workspace: Workspace }) {
  return (
    <ReviewStoreProvider
      initial={{ interviewId: workspace.interview.id, replay: workspace.replay, state: workspace.state }}
    >
      <div className="fixed inset-x-0 top-14 bottom-0 z-20 flex flex-col bg-zinc-50 dark:bg-zinc-950">
        <ReviewHeader workspace={workspace} />
        <Group orientation="horizontal" className="min-h-0 flex-1">
          <Panel defaultSize="30%" minSize="20%">
            <TranscriptPanel ownId={workspace.coach.id} />
          </Panel>
          <Separator
            className="hover:bg-accent-300 data-[separator=active]:bg-accent-400 dark:hover:bg-accent-800 w-1.5 bg-zinc-200 transition dark:bg-zinc-800"
            aria-label="Resize transcript and board"
          />
          <Panel defaultSize="38%" minSize="25%">
            <BoardReplay ownId={workspace.coach.id} />
          </Panel>
          <Separator
            className="hover:bg-accent-300 data-[separator=active]:bg-accent-400 dark:hover:bg-accent-800 w-1.5 bg-zinc-200 transition dark:bg-zinc-800"
            aria-label="Resize board and review"
          />
          <Panel defaultSize="32%" minSize="24%">
            <ReviewPanel workspace={workspace} />
          </Panel>
        </Group>
      </div>
    </ReviewStoreProvider>
  );
}

function ReviewHeader({ workspace }: { workspace: Workspace }) {
  const review = useReview((s) => s.review);
  const reopen = useReview((s) => s.actions.reopen);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { interview, report } = workspace;
  const verdict = report?.body?.verdict ? `${report.body.verdict.verdict} at ${report.body.verdict.level}` : null;
  const ready = report?.status === "complete";
  return (
    <div className="flex min-h-14 shrink-0 flex-wrap items-center gap-x-4 gap-y-2 border-b border-zinc-200 bg-white px-4 py-2 dark:border-zinc-800 dark:bg-zinc-900">
      <Link
        href="/coach"
        className="inline-flex items-center gap-1 text-sm text-zinc-500 hover:text-zinc-900 dark:hover:text-zinc-100"
      >
        <ChevronLeft className="size-4" aria-hidden /> Queue
      </Link>
      <div className="min-w-0">
        <h1 className="truncate text-base leading-tight font-semibold">{interview.prompt.title}</h1>
        <p className="truncate text-xs text-zinc-500">
          {interview.candidate.name} · {formatDate(interview.startedAt)} ·{" "}
          <span className="capitalize">{interview.level}</span> · {interview.durationMinutes} min · {interview.model}
        </p>
      </div>
      {verdict && (
        <Badge tone={verdictTone(verdict)} className="whitespace-nowrap">
          AI: {formatVerdict(verdict)}
          {report?.body?.weightedScore != null && ` · ${report.body.weightedScore.toFixed(1)}`}
        </Badge>
      )}
      <div className="ml-auto flex items-center gap-2">
        {error && (
          <span className="text-xs text-rose-700 dark:text-rose-400" role="alert">
            {error}
          </span>
        )}
        {review?.status === "complete" ? (
          <>
            <Badge tone="green" className="gap-1 whitespace-nowrap">
              <CheckCircle2 className="size-3.5" aria-hidden /> Review complete
              {review.completedAt && ` · ${formatDate(review.completedAt)}`}
            </Badge>
            <Button
              variant="secondary"
              size="sm"
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                setError(await reopen());
                setBusy(false);
              }}
            >
              <RotateCcw className="size-3.5" aria-hidden /> Reopen review
            </Button>
          </>
        ) : (
          <>
            <span className="text-xs text-zinc-500" data-testid="review-status">
              {review ? "Review in progress" : "Not started"}
            </span>
            <CompleteDialog disabled={!ready} />
          </>
        )}
        <Link
          href={`/interviews/${interview.id}/report`}
          className={buttonClasses({ variant: "ghost", size: "sm" })}
          target="_blank"
        >
          Candidate&apos;s report
        </Link>
      </div>
    </div>
  );
}

function CompleteDialog({ disabled }: { disabled: boolean }) {
  const complete = useReview((s) => s.actions.complete);
  const overrides = useReview((s) => s.review?.overrides.length ?? 0);
  const comments = useReview((s) => s.comments.length);
  const [open, setOpen] = useState(false);
  const [summary, setSummary] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <Button size="sm" disabled={disabled}>
          <CheckCircle2 className="size-4" aria-hidden /> Mark review complete
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-50 bg-zinc-950/40 backdrop-blur-sm" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 w-[min(32rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 rounded-xl border border-zinc-200 bg-white p-6 shadow-xl dark:border-zinc-800 dark:bg-zinc-900">
          <Dialog.Title className="text-lg font-semibold">Complete the review?</Dialog.Title>
          <Dialog.Description className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
            {overrides === 0
              ? "You did not override any dimension: every AI level counts as confirmed."
              : `${overrides} override${overrides === 1 ? "" : "s"}; every other AI level counts as confirmed.`}{" "}
            {comments > 0 && `${comments} comment${comments === 1 ? "" : "s"}. `}
            The candidate sees the review as complete on their report.
          </Dialog.Description>
          <label htmlFor="review-summary" className="mt-4 block text-sm font-medium">
            Summary for the candidate <span className="font-normal text-zinc-500">(optional)</span>
          </label>
          <textarea
            id="review-summary"
            value={summary}
            onChange={(e) => setSummary(e.target.value)}
            maxLength={MAX_SUMMARY_LENGTH}
            rows={4}
            placeholder="What went well, and the one thing to work on next."
            className="focus:border-accent-500 mt-1 block w-full resize-y rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm outline-none dark:border-zinc-700 dark:bg-zinc-950"
          />
          {error && (
            <p className="mt-2 text-sm text-rose-700 dark:text-rose-400" role="alert">
              {error}
            </p>
          )}
          <div className="mt-5 flex justify-end gap-2">
            <Dialog.Close className={buttonClasses({ variant: "secondary", size: "sm" })}>Keep reviewing</Dialog.Close>
            <Button
              size="sm"
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                const problem = await complete(summary);
                setBusy(false);
                setError(problem);
                if (!problem) setOpen(false);
              }}
            >
              {busy && <Loader2 className="size-4 animate-spin" aria-hidden />} Complete review
            </Button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function ReviewPanel({ workspace }: { workspace: Workspace }) {
  const tab = useReview((s) => s.tab);
  const setTab = useReview((s) => s.actions.setTab);
  const comments = useReview((s) => s.comments.length);
  const overrides = useReview((s) => s.review?.overrides.length ?? 0);
  const complete = useReview((s) => s.review?.status === "complete");
  const summary = useReview((s) => s.review?.summary ?? null);
  const { report, rubric } = workspace;
  const body = report?.body;
  const tabs = [
    { key: "scores" as const, label: "Scores", count: overrides ? `${overrides} overridden` : null },
    { key: "comments" as const, label: "Comments", count: comments ? String(comments) : null },
  ];
  return (
    <section className="flex h-full min-h-0 flex-col" aria-label="Review">
      <div
        className="flex h-11 shrink-0 items-end gap-1 border-b border-zinc-200 px-3 dark:border-zinc-800"
        role="tablist"
      >
        {tabs.map((t) => (
          <button
            key={t.key}
            type="button"
            role="tab"
            aria-selected={tab === t.key}
            onClick={() => setTab(t.key)}
            className={cn(
              "-mb-px inline-flex items-center gap-1.5 border-b-2 px-2.5 pb-2 text-sm",
              tab === t.key
                ? "border-accent-600 dark:border-accent-400 font-medium"
                : "border-transparent text-zinc-500 hover:text-zinc-900 dark:hover:text-zinc-100",
            )}
          >
            {t.label}
            {t.count && (
              <span className="rounded-full bg-zinc-100 px-1.5 text-xs text-zinc-600 tabular-nums dark:bg-zinc-800 dark:text-zinc-400">
                {t.count}
              </span>
            )}
          </button>
        ))}
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto p-3" role="tabpanel">
        {tab === "comments" ? (
          <CommentList ownId={workspace.coach.id} />
        ) : workspace.interview.status === "active" ? (
          <Notice title="The interview is still running.">It can be reviewed once it ends and is scored.</Notice>
        ) : !report || report.status === "pending" ? (
          <Notice title="The AI report is still being scored.">Reload in a moment to review it.</Notice>
        ) : report.status === "incomplete" || !body ? (
          <Notice title="The AI report is incomplete.">
            {report.failureReason ?? "Scoring failed."} There are no AI levels to confirm or override until the
            candidate retries scoring. You can still comment on the transcript and the board.
          </Notice>
        ) : (
          <div className="space-y-3">
            {complete && (
              <div className="rounded-xl border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950/40 dark:text-emerald-200">
                <p className="text-xs font-medium">
                  Review complete — the candidate sees it. Reopen the review to change a level.
                </p>
                {summary && <p className="mt-1 whitespace-pre-wrap">{summary}</p>}
              </div>
            )}
            <div className="rounded-xl border border-zinc-200 bg-white p-3 text-sm dark:border-zinc-800 dark:bg-zinc-900">
              <p className="text-zinc-700 dark:text-zinc-300">
                {body.verdict?.summary ?? "Too little could be assessed for an overall verdict."}
              </p>
              <p className="mt-2 text-xs text-zinc-500">
                {body.source === "ai" ? "AI judge" : "Offline scorer"} · {body.scorerRef} · weighted score{" "}
                {body.weightedScore?.toFixed(1) ?? "—"} / 4. Pick a level to override the AI; leave it to confirm.
              </p>
            </div>
            {body.dimensions.map((d) => (
              <DimensionReview key={d.key} dimension={d} levels={rubric.find((r) => r.key === d.key)?.levels ?? []} />
            ))}
          </div>
        )}
      </div>
    </section>
  );
}

function Notice({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200">
      <p className="font-medium">{title}</p>
      <p className="mt-1">{children}</p>
    </div>
  );
}
