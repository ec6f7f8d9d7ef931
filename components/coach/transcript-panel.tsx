"use client";

import { MessageSquarePlus } from "lucide-react";
import { useEffect, useMemo, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { messageCountAt } from "@/lib/review/replay";
import type { CommentView, ReplayMessage } from "@/lib/review/types";
import { CommentCard, CommentComposer } from "./comments";
import { formatClock } from "./format";
import { useReview } from "./review-store";

/**
 * The transcript in sync with the replay clock: the messages written by time t. Select words in a
 * message (or use its comment button) to comment on them.
 */
export function TranscriptPanel({ ownId }: { ownId: string }) {
  const messages = useReview((s) => s.replay.messages);
  const t = useReview((s) => s.t);
  const setTime = useReview((s) => s.actions.setTime);
  const focus = useReview((s) => s.focus);
  const comments = useReview((s) => s.comments);
  const end = useReview((s) => s.replay.endSeconds);
  const shown = messageCountAt({ messages }, t);
  const scrollRef = useRef<HTMLDivElement>(null);

  // Follow the clock: keep the latest visible message in view as time moves.
  useEffect(() => {
    const box = scrollRef.current;
    if (box) box.scrollTop = box.scrollHeight;
  }, [shown]);
  // Evidence or a comment asked to show a message: bring it into view.
  useEffect(() => {
    if (focus)
      document.getElementById(`rm-${focus.messageId}`)?.scrollIntoView({ behavior: "smooth", block: "center" });
  }, [focus]);

  const byMessage = useMemo(() => {
    const map = new Map<string, CommentView[]>();
    for (const c of comments) {
      if (c.anchor.kind !== "message") continue;
      map.set(c.anchor.messageId, [...(map.get(c.anchor.messageId) ?? []), c]);
    }
    return map;
  }, [comments]);

  return (
    <section className="flex h-full min-h-0 flex-col" aria-labelledby="transcript-title">
      <header className="flex h-11 shrink-0 items-center justify-between border-b border-zinc-200 px-4 dark:border-zinc-800">
        <h2 id="transcript-title" className="text-sm font-semibold">
          Transcript
        </h2>
        <span className="text-xs text-zinc-500 tabular-nums" data-testid="transcript-count">
          {shown} of {messages.length} messages
        </span>
      </header>
      <div ref={scrollRef} className="min-h-0 flex-1 overflow-y-auto px-4 py-3">
        <ol className="space-y-3" aria-label="Messages written by the replay time">
          {messages.slice(0, shown).map((m) => (
            <TranscriptMessage key={m.id} message={m} comments={byMessage.get(m.id) ?? []} ownId={ownId} />
          ))}
        </ol>
        {shown < messages.length && (
          <button
            type="button"
            onClick={() => setTime(end)}
            className="mt-4 w-full rounded-lg border border-dashed border-zinc-300 py-2 text-xs text-zinc-500 hover:border-zinc-400 hover:text-zinc-800 dark:border-zinc-700 dark:hover:text-zinc-200"
          >
            {messages.length - shown} later message{messages.length - shown === 1 ? "" : "s"} — show the whole interview
          </button>
        )}
      </div>
    </section>
  );
}

type Range = { start: number; end: number; tone: "comment" | "focus" };

/** Splits `text` at range boundaries so each piece knows which highlights cover it. */
function pieces(text: string, ranges: Range[]) {
  const cuts = new Set([0, text.length]);
  for (const r of ranges) {
    cuts.add(Math.max(0, Math.min(text.length, r.start)));
    cuts.add(Math.max(0, Math.min(text.length, r.end)));
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  return sorted.slice(0, -1).map((start, i) => {
    const end = sorted[i + 1]!;
    const covering = ranges.filter((r) => r.start <= start && r.end >= end);
    return {
      start,
      text: text.slice(start, end),
      focus: covering.some((r) => r.tone === "focus"),
      comment: covering.some((r) => r.tone === "comment"),
    };
  });
}

function TranscriptMessage({
  message: m,
  comments,
  ownId,
}: {
  message: ReplayMessage;
  comments: CommentView[];
  ownId: string;
}) {
  const focus = useReview((s) => s.focus);
  const draft = useReview((s) => s.draft);
  const startComment = useReview((s) => s.actions.startComment);
  const setTime = useReview((s) => s.actions.setTime);
  const textRef = useRef<HTMLParagraphElement>(null);
  const [selection, setSelection] = useState<{ start: number; end: number } | null>(null);

  const ranges: Range[] = comments.flatMap((c) =>
    c.anchor.kind === "message" ? [{ ...c.anchor, tone: "comment" as const }] : [],
  );
  const focused = focus?.messageId === m.id;
  if (focused) ranges.push({ start: focus.start, end: focus.end, tone: "focus" });
  if (draft?.kind === "message" && draft.messageId === m.id) ranges.push({ ...draft, tone: "focus" });

  /** Character offsets of the selection inside this message's text, if the selection is in it. */
  const readSelection = () => {
    const container = textRef.current;
    const sel = window.getSelection();
    if (!container || !sel || sel.rangeCount === 0 || sel.isCollapsed) return setSelection(null);
    const range = sel.getRangeAt(0);
    if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) return setSelection(null);
    const before = document.createRange();
    before.setStart(container, 0);
    before.setEnd(range.startContainer, range.startOffset);
    const start = before.toString().length;
    const end = start + range.toString().length;
    if (end > start) setSelection({ start, end });
  };

  const who = m.role === "candidate" ? "Candidate" : m.role === "system" ? "System" : "Interviewer";
  return (
    <li
      id={`rm-${m.id}`}
      className={cn(
        "group scroll-mt-4 rounded-lg px-3 py-2 text-sm",
        m.role === "candidate"
          ? "bg-accent-50 dark:bg-accent-950/30"
          : "bg-white ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800",
        focused && "ring-accent-500 ring-2",
      )}
      data-testid="replay-message"
      data-message-id={m.id}
      data-role={m.role}
    >
      <div className="mb-1 flex items-center gap-2 text-xs text-zinc-500">
        <span className="font-medium">
          {who}
          {m.kind !== "chat" && ` · ${m.kind}`}
        </span>
        <button
          type="button"
          className="tabular-nums hover:text-zinc-900 hover:underline dark:hover:text-zinc-100"
          onClick={() => setTime(m.atSeconds)}
          aria-label={`Move the replay to ${formatClock(m.atSeconds)}`}
        >
          {formatClock(m.atSeconds)}
        </button>
        <button
          type="button"
          onClick={() =>
            startComment({ v: 1, kind: "message", messageId: m.id, start: 0, end: m.content.length, quote: m.content })
          }
          className="ml-auto inline-flex items-center gap-1 rounded px-1.5 py-0.5 opacity-0 group-hover:opacity-100 hover:bg-zinc-200/70 hover:text-zinc-900 focus-visible:opacity-100 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
          aria-label={`Comment on message ${m.seq}`}
        >
          <MessageSquarePlus className="size-3.5" aria-hidden /> Comment
        </button>
      </div>
      <p ref={textRef} className="whitespace-pre-wrap" onMouseUp={readSelection} onKeyUp={readSelection}>
        {pieces(m.content, ranges).map((p) =>
          p.focus || p.comment ? (
            <mark
              key={p.start}
              className={cn(
                "rounded-sm px-0.5 text-inherit",
                p.focus ? "bg-accent-200 dark:bg-accent-800/70" : "bg-amber-200/80 dark:bg-amber-700/50",
              )}
              data-comment-span={p.comment || undefined}
            >
              {p.text}
            </mark>
          ) : (
            <span key={p.start}>{p.text}</span>
          ),
        )}
      </p>
      {selection && !(draft?.kind === "message" && draft.messageId === m.id) && (
        <div className="mt-2 flex items-center gap-2">
          <button
            type="button"
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => {
              startComment({
                v: 1,
                kind: "message",
                messageId: m.id,
                start: selection.start,
                end: selection.end,
                quote: m.content.slice(selection.start, selection.end),
              });
              setSelection(null);
              window.getSelection()?.removeAllRanges();
            }}
            className="bg-accent-600 hover:bg-accent-500 dark:bg-accent-500 inline-flex items-center gap-1 rounded-md px-2 py-1 text-xs font-medium text-white shadow-sm"
          >
            <MessageSquarePlus className="size-3.5" aria-hidden /> Comment on the selection
          </button>
          <button
            type="button"
            className="text-xs text-zinc-500 hover:text-zinc-900 dark:hover:text-zinc-100"
            onClick={() => setSelection(null)}
          >
            Dismiss
          </button>
        </div>
      )}
      {draft?.kind === "message" && draft.messageId === m.id && (
        <CommentComposer
          target={
            draft.start === 0 && draft.end === m.content.length ? "this message" : `“${truncate(draft.quote, 60)}”`
          }
        />
      )}
      {comments.map((c) => (
        <CommentCard key={c.id} comment={c} ownId={ownId} compact />
      ))}
    </li>
  );
}

function truncate(text: string, max: number) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
