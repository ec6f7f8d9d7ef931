"use client";

import { useImperativeHandle, useRef, useState, type Ref } from "react";
import { cn } from "@/components/ui/cn";
import type { ContentProblem } from "@/lib/content/validate";

export interface YamlEditorHandle {
  /** Puts the cursor at the start of a line and scrolls it into view. */
  goToLine(line: number): void;
}

/**
 * The whole file as text, with line numbers (problems name lines) and the lines that have problems
 * marked in the gutter. A plain textarea: no editor dependency, and the browser's undo works.
 */
export function YamlEditor({
  ref,
  value,
  onChange,
  problems,
  readOnly,
  label,
}: {
  ref?: Ref<YamlEditorHandle>;
  value: string;
  onChange: (value: string) => void;
  problems: ContentProblem[];
  readOnly?: boolean;
  label: string;
}) {
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const lineCount = value.split("\n").length;
  const badLines = new Set(problems.map((p) => p.line).filter((l): l is number => typeof l === "number"));

  useImperativeHandle(ref, () => ({
    goToLine(line: number) {
      const el = textarea.current;
      if (!el) return;
      const lines = el.value.split("\n");
      const offset = lines.slice(0, Math.max(0, line - 1)).reduce((sum, l) => sum + l.length + 1, 0);
      el.focus();
      el.setSelectionRange(offset, offset + (lines[line - 1]?.length ?? 0));
      const lineHeight = parseFloat(getComputedStyle(el).lineHeight) || 20;
      el.scrollTop = Math.max(0, (line - 5) * lineHeight);
    },
  }));

  return (
    <div className="relative flex overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-xs dark:border-zinc-800 dark:bg-zinc-950">
      <div
        aria-hidden
        className="w-14 shrink-0 overflow-hidden border-r border-zinc-200 bg-zinc-50 py-3 text-right font-mono text-xs leading-5 text-zinc-400 select-none dark:border-zinc-800 dark:bg-zinc-900"
      >
        <div style={{ transform: `translateY(-${scrollTop}px)` }}>
          {Array.from({ length: lineCount }, (_, i) => (
            <div
              key={i}
              className={cn(
                "pr-3",
                badLines.has(i + 1) && "bg-rose-100 font-semibold text-rose-700 dark:bg-rose-950 dark:text-rose-300",
              )}
            >
              {i + 1}
            </div>
          ))}
        </div>
      </div>
      <textarea
        ref={textarea}
        aria-label={label}
        value={value}
        readOnly={readOnly}
        spellCheck={false}
        wrap="off"
        onChange={(e) => onChange(e.target.value)}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        className="block h-[calc(100dvh-16rem)] min-h-[28rem] w-full resize-none bg-transparent px-3 py-3 font-mono text-[13px] leading-5 text-zinc-800 focus:outline-none dark:text-zinc-200"
      />
    </div>
  );
}
