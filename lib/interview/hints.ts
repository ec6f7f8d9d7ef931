/**
 * Coach-mode hints, decided in code: a small nudge toward the most useful topic the candidate has not
 * covered yet for the current phase — a direction to think in, never the answer. Each hint is kept in
 * the transcript (kind "hint") so the report can say how much help was needed.
 */
import { readClock } from "./clock";
import { buildLedger } from "./ledger";
import { bestProbeForPhase, dimensionsForPhase } from "./policy";
import type { InterviewState } from "./types";

export interface Hint {
  /** The probe the hint points at, or null for a framework-level hint. */
  probeKey: string | null;
  text: string;
}

export function nextHint(state: InterviewState): Hint {
  const clock = readClock(state);
  const ledger = buildLedger(state);
  const hinted = new Set(state.messages.filter((m) => m.kind === "hint").map((m) => m.content));
  const closed = new Set([...ledger.probesCovered]);
  const open = state.prompt.probes.filter((p) => !closed.has(p.key) && !hinted.has(hintText(p.topic)));
  const probe = bestProbeForPhase(open, dimensionsForPhase(clock.currentPhase, state.durationMinutes)) ?? open[0];
  if (probe) return { probeKey: probe.key, text: hintText(probe.topic) };
  const step = state.framework.steps.find((s) => s.key === clock.currentPhase.key);
  const question = step?.keyQuestions.find((q) => !hinted.has(frameworkHint(step.title, q)));
  if (step && question) return { probeKey: null, text: frameworkHint(step.title, question) };
  return {
    probeKey: null,
    text: "You have covered the main topics. Pick the weakest part of your design and explain how you would make it fail safely.",
  };
}

function hintText(topic: string): string {
  return `Hint: think about **${topic.replace(/\.$/, "")}** — what it means for your design, and which number or trade-off you would state.`;
}

function frameworkHint(stepTitle: string, question: string): string {
  return `Hint (${stepTitle}): a good question to answer here is “${question}”`;
}
