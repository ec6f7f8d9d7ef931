/** Small display helpers shared by the coach screens and the candidate's view of a review. */

/** 754 → "12:34" (interview time). */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** A date in the reader's locale, e.g. "21 Nov 2026". */
export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" });
}

/** Tones of levels 1–4 (index = level), as on the report. */
export const levelTone = [
  "bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-400",
  "bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-200",
  "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  "bg-lime-100 text-lime-900 dark:bg-lime-950 dark:text-lime-200",
  "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
];

/** Verdict chips: "lean hire at senior" → the tone of "lean hire". */
export function verdictTone(verdict: string | null): "green" | "amber" | "red" | "neutral" {
  if (!verdict) return "neutral";
  if (verdict.startsWith("no hire")) return "red";
  if (verdict.startsWith("lean no hire")) return "amber";
  return "green";
}

/** "lean hire at senior" → "Lean hire · senior". */
export function formatVerdict(verdict: string): string {
  const [what, level] = verdict.split(" at ");
  const sentence = (what ?? verdict).replace(/^./, (c) => c.toUpperCase());
  return level ? `${sentence} · ${level}` : sentence;
}
