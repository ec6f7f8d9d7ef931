"use client";

import { AlertTriangle } from "lucide-react";
import { useState } from "react";
import type { ContentProblem } from "@/lib/content/validate";

const FIRST = 6;

/** Every problem at once, at the top of the editor; each one jumps to its field (or line). */
export function ProblemList({
  problems,
  title,
  onSelect,
}: {
  problems: ContentProblem[];
  title: string;
  onSelect?: (problem: ContentProblem) => void;
}) {
  const [all, setAll] = useState(false);
  if (problems.length === 0) return null;
  const shown = all ? problems : problems.slice(0, FIRST);
  return (
    <div
      className="rounded-xl border border-rose-200 bg-rose-50/70 p-4 text-sm dark:border-rose-900/70 dark:bg-rose-950/30"
      role="alert"
    >
      <p className="flex items-center gap-2 font-medium text-rose-800 dark:text-rose-300">
        <AlertTriangle className="size-4" aria-hidden />
        {title}
      </p>
      <ul className="mt-2 max-h-72 space-y-1 overflow-y-auto pr-2">
        {shown.map((p, i) => (
          <li key={i}>
            <button
              type="button"
              onClick={() => onSelect?.(p)}
              disabled={!onSelect}
              className="group flex w-full items-baseline gap-2 rounded px-1 text-left hover:bg-rose-100/80 disabled:hover:bg-transparent dark:hover:bg-rose-900/30"
            >
              <span className="shrink-0 font-mono text-xs text-rose-700 group-hover:underline dark:text-rose-400">
                {[p.field || "file", p.line ? `line ${p.line}` : ""].filter(Boolean).join(" · ")}
              </span>
              <span className="text-zinc-700 dark:text-zinc-300">{p.message}</span>
            </button>
          </li>
        ))}
      </ul>
      {problems.length > FIRST && (
        <button
          type="button"
          onClick={() => setAll(!all)}
          className="mt-2 px-1 text-xs font-medium text-rose-800 underline underline-offset-2 dark:text-rose-300"
        >
          {all ? "Show fewer" : `Show all ${problems.length}`}
        </button>
      )}
    </div>
  );
}
