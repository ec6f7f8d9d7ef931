"use client";

import { CheckCircle2, MessageSquare, PencilLine, Shapes, UserRoundCheck } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { graphItemFor } from "@/lib/review/replay";
import type { CommentView, OverrideView, ReportReviews, ReviewView } from "@/lib/review/types";
import type { DiagramGraph } from "@/lib/diagram";

/**
 * What coaches said about this report, as the candidate sees it: a banner per review (complete, with
 * the coach's summary, or still in progress), the coach's level beside the AI's on each overridden
 * dimension with the reason, and comments anchored to messages and board elements.
 */

const dateOf = (iso: string) =>
  new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });

export function CoachReviewBanners({ reviews, comments }: ReportReviews) {
  if (reviews.length === 0 && comments.length === 0) return null;
  return (
    <div className="mt-6 space-y-3 print:break-inside-avoid">
      {reviews.map((r) => (
        <ReviewBanner key={r.id} review={r} comments={comments.filter((c) => c.author.id === r.coach.id).length} />
      ))}
    </div>
  );
}

function ReviewBanner({ review, comments }: { review: ReviewView; comments: number }) {
  const complete = review.status === "complete";
  return (
    <section
      className={cn(
        "flex gap-3 rounded-xl border p-4",
        complete
          ? "border-emerald-300 bg-emerald-50 text-emerald-950 dark:border-emerald-900 dark:bg-emerald-950/30 dark:text-emerald-100"
          : "border-accent-200 bg-accent-50 text-accent-950 dark:border-accent-900 dark:bg-accent-950/30 dark:text-accent-100",
      )}
      data-testid={complete ? "review-complete-banner" : "review-in-progress-banner"}
      aria-label={complete ? "Coach review" : "Coach review in progress"}
    >
      {complete ? (
        <CheckCircle2 className="mt-0.5 size-5 shrink-0 text-emerald-600 dark:text-emerald-400" aria-hidden />
      ) : (
        <UserRoundCheck className="text-accent-600 dark:text-accent-400 mt-0.5 size-5 shrink-0" aria-hidden />
      )}
      <div className="min-w-0">
        <p className="font-medium">
          {complete
            ? `Review complete by ${review.coach.name}${review.completedAt ? ` on ${dateOf(review.completedAt)}` : ""}`
            : `${review.coach.name} is reviewing this interview`}
        </p>
        {review.summary && complete && (
          <p className="mt-1.5 text-sm whitespace-pre-wrap opacity-90">{review.summary}</p>
        )}
        <p className="mt-1.5 text-sm opacity-75">
          {review.overrides.length > 0
            ? `${review.overrides.length} score${review.overrides.length === 1 ? "" : "s"} changed. `
            : complete
              ? "Every AI score confirmed. "
              : ""}
          {comments > 0 && (
            <>
              <a href="#coach-comments" className="underline underline-offset-2 hover:opacity-100">
                {comments} comment{comments === 1 ? "" : "s"}
              </a>
              .{" "}
            </>
          )}
          {complete
            ? "The coach's levels are shown beside the AI's below."
            : "What the coach has changed so far is shown below and may still change."}
        </p>
      </div>
    </section>
  );
}

/** The coach's level for one dimension, beside the AI's, with the reason. */
export function CoachOverrideNote({
  overrides,
}: {
  overrides: (OverrideView & { coach: string; complete: boolean })[];
}) {
  if (overrides.length === 0) return null;
  return (
    <div className="mt-3 space-y-2">
      {overrides.map((o) => (
        <div
          key={o.coach}
          className="border-accent-500 bg-accent-50/70 dark:bg-accent-950/30 rounded-r-lg border-l-4 px-3 py-2 text-sm"
          data-testid="coach-override"
        >
          <p className="flex flex-wrap items-center gap-x-2 font-medium">
            <PencilLine className="text-accent-600 dark:text-accent-400 size-4" aria-hidden />
            <span>
              Coach {o.coach}: <span className="tabular-nums">{o.coachLevel} / 4</span>
            </span>
            <span className="font-normal text-zinc-500 tabular-nums">
              (AI: {o.aiLevel === null ? "not assessable" : `${o.aiLevel} / 4`})
            </span>
            {!o.complete && <span className="text-xs font-normal text-zinc-500">· review in progress</span>}
          </p>
          <p className="mt-1 text-zinc-700 dark:text-zinc-300">{o.reason}</p>
        </div>
      ))}
    </div>
  );
}

/** Overrides by dimension key, with the coach's name and whether their review is complete. */
export function overridesByDimension(reviews: ReviewView[]) {
  const map = new Map<string, (OverrideView & { coach: string; complete: boolean })[]>();
  for (const r of reviews) {
    for (const o of r.overrides) {
      map.set(o.dimensionKey, [
        ...(map.get(o.dimensionKey) ?? []),
        { ...o, coach: r.coach.name, complete: r.status === "complete" },
      ]);
    }
  }
  return map;
}

/** The coaches' comments, each with a button that shows its anchor in the transcript or on the board. */
export function CoachComments({
  comments,
  finalBoard,
  onMessage,
  onNode,
}: {
  comments: CommentView[];
  finalBoard: DiagramGraph | null;
  onMessage(messageId: string, quote: string): void;
  onNode(nodeId: string): void;
}) {
  if (comments.length === 0) return null;
  return (
    <section
      id="coach-comments"
      className="mt-10 scroll-mt-24 break-inside-avoid"
      aria-labelledby="coach-comments-heading"
    >
      <h2 id="coach-comments-heading" className="text-xl font-semibold tracking-tight">
        Coach comments
      </h2>
      <ul className="mt-4 space-y-3">
        {comments.map((c) => {
          const a = c.anchor;
          const node = a.kind === "element" ? graphItemFor(finalBoard, a.elementId) : null;
          return (
            <li
              key={c.id}
              className="rounded-xl border border-amber-200 bg-amber-50/70 p-4 text-sm dark:border-amber-900/60 dark:bg-amber-950/20"
              data-testid="coach-comment"
              data-anchor-kind={a.kind}
            >
              <div className="flex flex-wrap items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
                {a.kind === "message" ? (
                  <button
                    type="button"
                    onClick={() => onMessage(a.messageId, a.quote)}
                    className="inline-flex max-w-full items-center gap-1.5 rounded-md bg-white px-2 py-1 ring-1 ring-amber-200 hover:ring-amber-400 dark:bg-zinc-900 dark:ring-amber-900"
                  >
                    <MessageSquare className="size-3.5 shrink-0" aria-hidden />
                    <span className="truncate italic">
                      “{a.quote.length > 90 ? `${a.quote.slice(0, 89)}…` : a.quote}”
                    </span>
                    <span className="sr-only">Show in the transcript</span>
                  </button>
                ) : node ? (
                  <button
                    type="button"
                    onClick={() => onNode(node.id)}
                    className="inline-flex items-center gap-1.5 rounded-md bg-white px-2 py-1 ring-1 ring-amber-200 hover:ring-amber-400 dark:bg-zinc-900 dark:ring-amber-900"
                    data-element-id={a.elementId}
                  >
                    <Shapes className="size-3.5" aria-hidden /> Board: {a.label || node.label || a.elementId}
                    <span className="sr-only">Show on the board</span>
                  </button>
                ) : (
                  <span className="inline-flex items-center gap-1.5">
                    <Shapes className="size-3.5" aria-hidden /> Board: {a.label || a.elementId} (removed before the end)
                  </span>
                )}
              </div>
              <p className="mt-2 whitespace-pre-wrap text-zinc-800 dark:text-zinc-200">{c.body}</p>
              <p className="mt-1.5 text-xs text-zinc-500">
                {c.author.name} · {dateOf(c.createdAt)}
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Comments anchored to one transcript message, shown under it. */
export function MessageComments({ comments }: { comments: CommentView[] }) {
  if (comments.length === 0) return null;
  return (
    <div className="mt-2 space-y-1.5">
      {comments.map((c) => (
        <p
          key={c.id}
          className="rounded-md border border-amber-200 bg-amber-50 px-2.5 py-1.5 text-xs text-zinc-800 dark:border-amber-900/60 dark:bg-amber-950/30 dark:text-zinc-200"
          data-testid="transcript-comment"
        >
          <span className="font-medium">{c.author.name}</span>
          {c.anchor.kind === "message" && (
            <span className="text-zinc-500 italic">
              {" "}
              on “{c.anchor.quote.length > 60 ? `${c.anchor.quote.slice(0, 59)}…` : c.anchor.quote}”
            </span>
          )}
          : {c.body}
        </p>
      ))}
    </div>
  );
}

/** A message's text with the spans coaches commented on marked (overlapping spans are merged). */
export function CommentedText({ text, comments }: { text: string; comments: CommentView[] }) {
  const spans = comments
    .flatMap((c) =>
      c.anchor.kind === "message" ? [{ start: c.anchor.start, end: Math.min(text.length, c.anchor.end) }] : [],
    )
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  if (spans.length === 0) return <>{text}</>;
  const merged: { start: number; end: number }[] = [];
  for (const s of spans) {
    const last = merged.at(-1);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const s of merged) {
    if (s.start > at) parts.push(text.slice(at, s.start));
    parts.push(
      <mark
        key={s.start}
        className="rounded-sm bg-amber-100 px-0.5 text-inherit underline decoration-amber-500 decoration-dotted underline-offset-4 dark:bg-amber-900/40"
        data-testid="comment-span"
      >
        {text.slice(s.start, s.end)}
      </mark>,
    );
    at = s.end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
