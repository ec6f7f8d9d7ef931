"use client";

import { ArrowRight, Undo2 } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { MIN_REASON_LENGTH } from "@/lib/review/schemas";
import type { DimensionResult, Evidence } from "@/lib/scoring/types";
import { levelTone } from "./format";
import { useReview } from "./review-store";

export type RubricLevels = { level: number; label: string; anchor: string }[];

/**
 * One rubric dimension: the AI's level with its rationale and evidence (which jumps to the transcript
 * or the board), and the coach's override — a level and a required reason — kept beside the AI's.
 */
export function DimensionReview({ dimension: d, levels }: { dimension: DimensionResult; levels: RubricLevels }) {
  const override = useReview((s) => s.review?.overrides.find((o) => o.dimensionKey === d.key));
  const complete = useReview((s) => s.review?.status === "complete");
  const actions = useReview((s) => s.actions);
  const replay = useReview((s) => s.replay);
  const [level, setLevel] = useState<string>(override ? String(override.coachLevel) : "");
  const [reason, setReason] = useState(override?.reason ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [expanded, setExpanded] = useState(false);

  const labelOf = (n: number | null) => levels.find((l) => l.level === n)?.label;
  const dirty =
    level !== (override ? String(override.coachLevel) : "") ||
    (Boolean(override) && reason.trim() !== override?.reason);
  const reasonId = `reason-${d.key}`;

  const showEvidence = (e: Evidence) => {
    if (e.kind === "quote") {
      const message = replay.messages.find((m) => m.id === e.messageId);
      const at = message ? message.content.toLowerCase().indexOf(e.quote.toLowerCase()) : -1;
      actions.focusMessage(e.messageId, at >= 0 ? { start: at, end: at + e.quote.length } : undefined);
    } else if (e.kind === "node") {
      // Board evidence cites the final board's short ids; highlight that component at the end.
      const last = replay.frames.at(-1);
      const node = last?.graph?.nodes.find((n) => n.id === e.nodeId);
      if (node) {
        actions.setTime(replay.endSeconds);
        actions.focusElement(node.elementIds[0] ?? node.id);
      }
    }
  };

  const save = async () => {
    setBusy(true);
    const problem = await actions.saveOverride(d.key, Number(level), reason);
    setBusy(false);
    setError(problem);
  };

  return (
    <article
      className={cn(
        "rounded-xl border bg-white p-4 dark:bg-zinc-900",
        override ? "border-accent-300 dark:border-accent-800" : "border-zinc-200 dark:border-zinc-800",
      )}
      data-testid="dimension-review"
      data-dimension-key={d.key}
      data-ai-level={d.level ?? ""}
    >
      <div className="flex items-start gap-3">
        <span
          className={cn(
            "inline-flex shrink-0 rounded-md px-2 py-1 text-xs font-semibold tabular-nums",
            levelTone[d.level ?? 0],
          )}
          title="The AI's level"
        >
          AI {d.level ? `${d.level}/4` : "N/A"}
        </span>
        <div className="min-w-0 flex-1">
          <h3 className="text-sm leading-6 font-medium">{d.title}</h3>
          <p className="text-xs text-zinc-500">
            weight {d.weight}%{d.level ? ` · ${labelOf(d.level)}` : " · not assessable"}
          </p>
        </div>
      </div>

      <p className={cn("mt-2 text-sm text-zinc-700 dark:text-zinc-300", !expanded && "line-clamp-3")}>{d.rationale}</p>
      {(d.rationale.length > 180 || d.evidence.length > 0) && (
        <button
          type="button"
          onClick={() => setExpanded(!expanded)}
          className="text-accent-700 dark:text-accent-300 mt-1 text-xs hover:underline"
          aria-expanded={expanded}
        >
          {expanded ? "Less" : `More${d.evidence.length ? ` · ${d.evidence.length} evidence` : ""}`}
        </button>
      )}
      {expanded && d.evidence.length > 0 && (
        <ul className="mt-2 flex flex-col gap-1">
          {d.evidence.map((e, i) => (
            <li key={i} className="text-xs">
              {e.kind === "finding" ? (
                <span className="text-zinc-600 dark:text-zinc-400">{e.detail}</span>
              ) : (
                <button
                  type="button"
                  onClick={() => showEvidence(e)}
                  className="text-accent-700 decoration-accent-300 hover:decoration-accent-600 dark:text-accent-300 text-left underline underline-offset-2"
                >
                  {e.kind === "quote" ? `“${e.quote}”` : `board ${e.nodeId}: ${e.label}`}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}

      <div className="mt-3 border-t border-zinc-100 pt-3 dark:border-zinc-800">
        {override && (
          <p className="mb-2 flex flex-wrap items-center gap-1.5 text-xs font-medium" data-testid="override-summary">
            <span className={cn("rounded px-1.5 py-0.5", levelTone[override.aiLevel ?? 0])}>
              AI: {override.aiLevel ?? "N/A"}
            </span>
            <ArrowRight className="size-3.5 text-zinc-400" aria-hidden />
            <span className={cn("rounded px-1.5 py-0.5", levelTone[override.coachLevel])}>
              Coach: {override.coachLevel}
            </span>
            <span className="sr-only">
              AI: {override.aiLevel ?? "not assessable"} → Coach: {override.coachLevel}
            </span>
          </p>
        )}
        <div className="flex items-end gap-2">
          <label className="flex min-w-0 flex-1 flex-col gap-1 text-xs text-zinc-500">
            Your level
            <select
              value={level}
              disabled={complete || busy}
              onChange={(e) => {
                setLevel(e.target.value);
                setError(null);
              }}
              aria-label={`Coach level for ${d.title}`}
              className="focus:border-accent-500 h-8 w-full rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900 outline-none disabled:opacity-60 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
            >
              <option value="">
                {d.level ? `Agree with the AI (${d.level} · ${labelOf(d.level)})` : "Leave as not assessable"}
              </option>
              {levels.map((l) => (
                <option key={l.level} value={l.level} disabled={l.level === d.level}>
                  {l.level} · {l.label}
                </option>
              ))}
            </select>
          </label>
          {override && !complete && (
            <Button
              variant="ghost"
              size="sm"
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                const problem = await actions.removeOverride(d.key);
                setBusy(false);
                setError(problem);
                if (!problem) {
                  setLevel("");
                  setReason("");
                }
              }}
              aria-label={`Remove override for ${d.title}`}
            >
              <Undo2 className="size-3.5" aria-hidden /> Remove
            </Button>
          )}
        </div>
        {(level !== "" || override) && (
          <div className="mt-2">
            <label htmlFor={reasonId} className="text-xs text-zinc-500">
              Reason{" "}
              <span className="text-zinc-400">(required; the candidate reads it beside the AI&apos;s level)</span>
            </label>
            <textarea
              id={reasonId}
              value={reason}
              disabled={complete || busy}
              onChange={(e) => {
                setReason(e.target.value);
                setError(null);
              }}
              rows={2}
              aria-label={`Reason for ${d.title}`}
              placeholder={`Why ${level || "this level"}? At least ${MIN_REASON_LENGTH} characters.`}
              className="focus:border-accent-500 mt-1 block w-full resize-y rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 text-sm outline-none disabled:opacity-60 dark:border-zinc-700 dark:bg-zinc-900"
            />
          </div>
        )}
        {error && (
          <p className="mt-1.5 text-xs text-rose-700 dark:text-rose-400" role="alert">
            {error}
          </p>
        )}
        {!complete && dirty && level !== "" && (
          <div className="mt-2 flex justify-end gap-2">
            <Button
              variant="ghost"
              size="sm"
              onClick={() => {
                setLevel(override ? String(override.coachLevel) : "");
                setReason(override?.reason ?? "");
                setError(null);
              }}
            >
              Cancel
            </Button>
            <Button size="sm" onClick={save} disabled={busy} aria-label={`Save override for ${d.title}`}>
              Save override
            </Button>
          </div>
        )}
        {!complete && dirty && level === "" && override && (
          <p className="mt-2 text-xs text-zinc-500">Use Remove to go back to the AI&apos;s level.</p>
        )}
      </div>
    </article>
  );
}
