"use client";

import { Pause, Play, SkipForward } from "lucide-react";
import { useEffect, useMemo } from "react";
import { BoardSketch } from "@/components/report/board-sketch";
import { cn } from "@/components/ui/cn";
import { frameIndexAt, graphItemFor } from "@/lib/review/replay";
import { CommentCard, CommentComposer } from "./comments";
import { formatClock } from "./format";
import { useReview } from "./review-store";

const SPEEDS = [10, 30, 60, 120];

/**
 * The board as it was at the replay time (the last snapshot saved by then), redrawn from its graph.
 * Click a component (or its chip below) to comment on it; the scrubber moves through time.
 */
export function BoardReplay({ ownId }: { ownId: string }) {
  const replay = useReview((s) => s.replay);
  const t = useReview((s) => s.t);
  const boardFocus = useReview((s) => s.boardFocus);
  const draft = useReview((s) => s.draft);
  const comments = useReview((s) => s.comments);
  const startComment = useReview((s) => s.actions.startComment);
  const index = frameIndexAt(replay, t);
  const frame = index >= 0 ? replay.frames[index] : undefined;
  const graph = frame?.graph ?? null;

  const commented = useMemo(
    () => new Set(comments.flatMap((c) => (c.anchor.kind === "element" ? [c.anchor.elementId] : []))),
    [comments],
  );
  const highlight = [boardFocus, draft?.kind === "element" ? draft.elementId : null]
    .map((id) => (id ? graphItemFor(graph, id)?.id : undefined))
    .filter((id): id is string => Boolean(id));

  const commentOn = (nodeId: string) => {
    const node = graph?.nodes.find((n) => n.id === nodeId);
    if (!node || !frame) return;
    startComment({
      v: 1,
      kind: "element",
      elementId: node.elementIds[0] ?? node.id,
      label: node.label,
      snapshotSeq: frame.seq,
    });
  };

  return (
    <section className="flex h-full min-h-0 flex-col" aria-labelledby="board-title">
      <header className="flex h-11 shrink-0 items-center justify-between border-b border-zinc-200 px-4 dark:border-zinc-800">
        <h2 id="board-title" className="text-sm font-semibold">
          Board replay
        </h2>
        <span className="text-xs text-zinc-500 tabular-nums" data-testid="replay-snapshot">
          {frame
            ? `Snapshot ${index + 1} of ${replay.frames.length} · saved at ${formatClock(frame.atSeconds)}`
            : "Before the first drawing"}
        </span>
      </header>
      <div className="min-h-0 flex-1 overflow-y-auto p-4">
        {graph && graph.nodes.length > 0 ? (
          <div
            className="[&_[data-node]:hover_rect]:stroke-accent-500 cursor-pointer"
            data-testid="replay-board"
            // Clicks on a drawn component (the sketch marks each with data-node) start a comment on it.
            onClick={(event) => {
              const node = (event.target as Element).closest("[data-node]");
              const id = node?.getAttribute("data-node");
              if (id) commentOn(id);
            }}
          >
            <BoardSketch
              graph={graph}
              highlight={highlight}
              label={`The board at ${formatClock(t)}; click a component to comment on it`}
              className="max-h-[28rem] border border-zinc-200 dark:border-zinc-800"
            />
          </div>
        ) : (
          <div className="flex h-48 items-center justify-center rounded-lg border border-dashed border-zinc-300 text-sm text-zinc-500 dark:border-zinc-700">
            {replay.frames.length === 0
              ? "The candidate never drew on the board."
              : `Nothing on the board yet at ${formatClock(t)}.`}
          </div>
        )}
        {graph && graph.nodes.length > 0 && (
          <div className="mt-3">
            <p className="text-xs text-zinc-500">Components — click one to comment on it:</p>
            <ul className="mt-1.5 flex flex-wrap gap-1.5">
              {graph.nodes.map((n) => {
                const elementId = n.elementIds[0] ?? n.id;
                const active = highlight.includes(n.id);
                return (
                  <li key={n.id}>
                    <button
                      type="button"
                      onClick={() => commentOn(n.id)}
                      className={cn(
                        "inline-flex items-center gap-1 rounded-md px-2 py-1 text-xs ring-1 transition ring-inset",
                        active
                          ? "bg-amber-100 text-amber-900 ring-amber-300 dark:bg-amber-900/50 dark:text-amber-100 dark:ring-amber-700"
                          : "bg-white text-zinc-700 ring-zinc-200 hover:bg-zinc-50 dark:bg-zinc-900 dark:text-zinc-300 dark:ring-zinc-700 dark:hover:bg-zinc-800",
                      )}
                      aria-label={`Comment on board element ${n.label || n.id}`}
                      data-testid="board-element"
                      data-element-id={elementId}
                    >
                      {n.label || n.id}
                      {commented.has(elementId) && (
                        <span className="size-1.5 rounded-full bg-amber-500" aria-label="has comments" role="img" />
                      )}
                    </button>
                  </li>
                );
              })}
            </ul>
          </div>
        )}
        {draft?.kind === "element" && (
          <CommentComposer target={`the board element “${draft.label || draft.elementId}”`} />
        )}
        <BoardComments ownId={ownId} />
      </div>
      <Scrubber />
    </section>
  );
}

/** Comments on board elements, under the board (the transcript shows those on messages). */
function BoardComments({ ownId }: { ownId: string }) {
  const comments = useReview((s) => s.comments);
  const focusElement = useReview((s) => s.actions.focusElement);
  const onBoard = comments.filter((c) => c.anchor.kind === "element");
  if (onBoard.length === 0) return null;
  return (
    <div className="mt-5">
      <h3 className="text-xs font-medium text-zinc-500">Comments on the board</h3>
      <div className="mt-1.5 space-y-2">
        {onBoard.map((c) => (
          <CommentCard
            key={c.id}
            comment={c}
            ownId={ownId}
            onShow={() => c.anchor.kind === "element" && focusElement(c.anchor.elementId, c.anchor.snapshotSeq)}
          />
        ))}
      </div>
    </div>
  );
}

/** Time scrubber: play/pause, a range over the interview with a tick per board snapshot, speed. */
function Scrubber() {
  const replay = useReview((s) => s.replay);
  const t = useReview((s) => s.t);
  const playing = useReview((s) => s.playing);
  const speed = useReview((s) => s.speed);
  const { setTime, togglePlay, setSpeed } = useReview((s) => s.actions);
  const end = Math.max(1, replay.endSeconds);

  useEffect(() => {
    if (!playing) return;
    const step = 100;
    const timer = setInterval(() => {
      const next = Math.min(end, t + (speed * step) / 1000);
      setTime(next);
      if (next >= end) togglePlay();
    }, step);
    return () => clearInterval(timer);
  }, [playing, t, speed, end, setTime, togglePlay]);

  return (
    <div
      className="shrink-0 border-t border-zinc-200 bg-white px-4 py-3 dark:border-zinc-800 dark:bg-zinc-900"
      data-testid="replay-scrubber"
    >
      <div className="flex items-center gap-3">
        <button
          type="button"
          onClick={togglePlay}
          className="bg-accent-600 hover:bg-accent-500 dark:bg-accent-500 dark:hover:bg-accent-400 inline-flex size-8 shrink-0 items-center justify-center rounded-full text-white shadow-sm"
          aria-label={playing ? "Pause replay" : "Play replay"}
        >
          {playing ? <Pause className="size-4" aria-hidden /> : <Play className="size-4 translate-x-px" aria-hidden />}
        </button>
        <div className="relative min-w-0 flex-1">
          <input
            type="range"
            min={0}
            max={end}
            step={1}
            value={Math.round(t)}
            onChange={(e) => setTime(Number(e.target.value))}
            aria-label="Replay time"
            aria-valuetext={`${formatClock(t)} of ${formatClock(end)}`}
            className="accent-accent-600 dark:accent-accent-400 relative z-10 block w-full"
          />
          <div className="pointer-events-none absolute inset-x-[7px] top-full mt-0.5 h-2" aria-hidden>
            {replay.messages.map((m) => (
              <span
                key={m.id}
                className={cn(
                  "absolute top-0 size-1 -translate-x-1/2 rounded-full",
                  m.role === "candidate" ? "bg-accent-400" : "bg-zinc-300 dark:bg-zinc-600",
                )}
                style={{ left: `${(m.atSeconds / end) * 100}%` }}
              />
            ))}
          </div>
          <div className="absolute inset-x-[7px] -top-3 h-3">
            {replay.frames.map((f, i) => (
              <button
                key={f.seq}
                type="button"
                onClick={() => setTime(f.atSeconds)}
                className="absolute top-0 h-2.5 w-1.5 -translate-x-1/2 rounded-sm bg-amber-500 hover:bg-amber-600"
                style={{ left: `${(f.atSeconds / end) * 100}%` }}
                aria-label={`Board snapshot ${i + 1} at ${formatClock(f.atSeconds)}`}
                title={`Snapshot ${i + 1} · ${formatClock(f.atSeconds)}`}
              />
            ))}
          </div>
        </div>
        <span
          className="w-24 shrink-0 text-right text-xs text-zinc-600 tabular-nums dark:text-zinc-400"
          data-testid="replay-time"
        >
          {formatClock(t)} / {formatClock(end)}
        </span>
        <button
          type="button"
          onClick={() => setTime(end)}
          className="inline-flex size-8 shrink-0 items-center justify-center rounded-md text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
          aria-label="Jump to the end"
        >
          <SkipForward className="size-4" aria-hidden />
        </button>
        <label className="sr-only" htmlFor="replay-speed">
          Replay speed
        </label>
        <select
          id="replay-speed"
          value={speed}
          onChange={(e) => setSpeed(Number(e.target.value))}
          className="h-8 shrink-0 rounded-md border border-zinc-300 bg-white px-1.5 text-xs dark:border-zinc-700 dark:bg-zinc-900"
        >
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </div>
      <p className="mt-2 flex gap-4 text-[11px] text-zinc-500">
        <span className="inline-flex items-center gap-1.5">
          <span className="h-2.5 w-1.5 rounded-sm bg-amber-500" aria-hidden /> board saved
        </span>
        <span className="inline-flex items-center gap-1.5">
          <span className="bg-accent-400 size-1.5 rounded-full" aria-hidden /> candidate message
        </span>
        <span className="inline-flex items-center gap-1.5">
          <span className="size-1.5 rounded-full bg-zinc-300 dark:bg-zinc-600" aria-hidden /> interviewer
        </span>
      </p>
    </div>
  );
}
