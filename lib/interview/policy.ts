/**
 * The interviewer policy: code decides what the next interviewer message does; a model (or the
 * offline interviewer) only words it. Priority, highest first:
 *   closing (time is up) → curveball (due by the scheduler) → answer the candidate's clarifying
 *   questions → wrap-up (final minutes) → react to new components on the board → a probe suited
 *   to the current phase → a framework key question for the phase → any open probe → wrap-up.
 * Every action carries exactly one question.
 */
import type { PlannedPhase } from "./phases";
import type { PromptContent } from "@/lib/content/schema";
import { addedComponents, diagramDeltaSince, reactToAdditions } from "./board";
import { readClock, type ClockReading } from "./clock";
import { buildLedger, factsAskedIn, interviewerAsked } from "./ledger";
import { dueCurveball, timeWarnings } from "./scheduler";
import { mentionsAnyStem, mentionsQuestion } from "./text";
import type { FollowUp, InterviewState, Ledger, TranscriptMessage, TurnAction, TurnPlan } from "./types";

type Probe = PromptContent["probes"][number];

// ───────────────────────── the candidate's open turn ─────────────────────────

/** Candidate messages since the interviewer last spoke (time nudges do not count as answers). */
export function unansweredCandidateMessages(messages: readonly TranscriptMessage[]): TranscriptMessage[] {
  const open: TranscriptMessage[] = [];
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i]!;
    if (message.role === "interviewer") break;
    if (message.role === "candidate") open.unshift(message);
  }
  return open;
}

/** Fact-sheet answers for what the candidate asked since the interviewer last spoke. */
export function pendingFacts(state: Pick<InterviewState, "prompt" | "messages">): { topic: string; answer: string }[] {
  const text = unansweredCandidateMessages(state.messages)
    .map((m) => m.content)
    .join("\n");
  return text === "" ? [] : factsAskedIn(state.prompt, text);
}

// ───────────────────────── phases → probe dimensions ─────────────────────────

const EARLY = ["problem-framing", "estimation"];
const MIDDLE = ["architecture", "data-context", "model-serving"];
const LATE = ["evaluation", "safety-privacy", "reliability", "cost-latency"];

/** Phase title/key words → the rubric dimensions whose probes fit that phase, best first. */
const PHASE_DIMENSIONS: { match: RegExp; dimensions: string[] }[] = [
  { match: /requirement|clarif|use case|framing|problem|scope/, dimensions: EARLY },
  { match: /estimat|capacity|\bload\b|budget/, dimensions: ["estimation", "cost-latency"] },
  { match: /\bdata\b|retrieval|\brag\b|context/, dimensions: ["data-context"] },
  { match: /\btrain/, dimensions: ["data-context", "evaluation", "model-serving"] },
  { match: /model|inference|serving/, dimensions: ["model-serving", "cost-latency"] },
  { match: /architecture|system|pipeline|design/, dimensions: MIDDLE },
  { match: /deep[ -]dive/, dimensions: ["model-serving", "data-context", "reliability", "cost-latency"] },
  { match: /failure|bottleneck|reliab|resilien|scal/, dimensions: ["reliability", "cost-latency"] },
  { match: /evaluat|quality|monitor|deploy|observab/, dimensions: ["evaluation", "reliability"] },
  { match: /trade[ -]?off|cost|optimi/, dimensions: ["cost-latency", "reliability"] },
  { match: /security|safety|privacy|compliance|abuse|governance/, dimensions: ["safety-privacy"] },
  { match: /wrap|conclu|evolution|future|summary/, dimensions: [...LATE, "adaptation"] },
];

/**
 * Probe dimensions suited to a phase: from its title and key (frameworks name their steps
 * differently), else from where it sits in the interview (early → framing and estimation,
 * middle → architecture, data and serving, late → evaluation, safety, reliability and cost).
 */
export function dimensionsForPhase(phase: PlannedPhase, durationMinutes: number): string[] {
  const text = `${phase.key.replace(/-/g, " ")} ${phase.title}`.toLowerCase();
  const matched = PHASE_DIMENSIONS.filter((rule) => rule.match.test(text)).flatMap((rule) => rule.dimensions);
  if (matched.length > 0) return [...new Set(matched)];
  const position = durationMinutes > 0 ? phase.startMinute / durationMinutes : 0;
  return position < 0.25 ? EARLY : position < 0.6 ? MIDDLE : LATE;
}

// ───────────────────────── choosing a question ─────────────────────────

function openProbes(prompt: PromptContent, ledger: Ledger): Probe[] {
  const closed = new Set([...ledger.probesCovered, ...ledger.probesRaised]);
  return prompt.probes.filter((probe) => !closed.has(probe.key));
}

/** The open probe that best fits the phase: by the phase's dimension order, then file order. */
export function bestProbeForPhase(probes: readonly Probe[], dimensions: readonly string[]): Probe | null {
  let best: { probe: Probe; rank: number } | null = null;
  for (const probe of probes) {
    const rank = dimensions.indexOf(probe.dimension);
    if (rank >= 0 && (best === null || rank < best.rank)) best = { probe, rank };
  }
  return best?.probe ?? null;
}

function nextFrameworkQuestion(state: InterviewState, phase: PlannedPhase): string | null {
  const step = state.framework.steps.find((s) => s.key === phase.key);
  return step?.keyQuestions.find((q) => !interviewerAsked(state.messages, q)) ?? null;
}

function nextGenericFollowUp(state: InterviewState, clock: ClockReading): string | null {
  const unasked = (state.followUps ?? []).filter((f) => !interviewerAsked(state.messages, f.question));
  const dimensions = dimensionsForPhase(clock.currentPhase, state.durationMinutes);
  const suited = unasked
    .filter((f) => dimensions.includes(f.dimension))
    .sort((a, b) => dimensions.indexOf(a.dimension) - dimensions.indexOf(b.dimension));
  return (suited[0] ?? unasked[0])?.question ?? null;
}

export const WRAP_UP_QUESTIONS = [
  "To wrap up: summarise your design in a minute, and tell me the one trade-off you'd revisit with more time.",
  "What is the biggest risk in this design, and how would you find out early that it is biting?",
  "If you had another quarter, what would you build or measure next, and why that first?",
] as const;

function isFinalStretch(clock: ClockReading, durationMinutes: number): boolean {
  return clock.remainingSeconds <= timeWarnings(durationMinutes).finalAtMinutes * 60;
}

/** The summary question counts as asked once any interviewer message in the final stretch asked for a summary. */
function summaryAsked(state: InterviewState, clock: ClockReading): boolean {
  const stretchStart = clock.durationSeconds - timeWarnings(state.durationMinutes).finalAtMinutes * 60;
  return state.messages.some(
    (m) =>
      m.role === "interviewer" &&
      (mentionsQuestion(m.content, WRAP_UP_QUESTIONS[0]) ||
        (m.atSeconds >= stretchStart && mentionsAnyStem(m.content, ["summar"]))),
  );
}

function wrapUpQuestion(state: InterviewState, clock: ClockReading): string {
  if (!summaryAsked(state, clock)) return WRAP_UP_QUESTIONS[0];
  const rest = WRAP_UP_QUESTIONS.slice(1);
  return rest.find((q) => !interviewerAsked(state.messages, q)) ?? WRAP_UP_QUESTIONS[2];
}

/** A probe to follow an answer with; none in the first phase, where the candidate is still asking. */
function followUpAfterFacts(open: readonly Probe[], clock: ClockReading, durationMinutes: number): FollowUp | null {
  if (clock.phaseIndex === 0) return null;
  const probe = bestProbeForPhase(open, dimensionsForPhase(clock.currentPhase, durationMinutes));
  return probe ? { probeKey: probe.key, question: probe.question } : null;
}

function chooseAction(state: InterviewState, clock: ClockReading, ledger: Ledger): TurnAction {
  if (clock.isOver) return { kind: "closing" };

  const curveball = dueCurveball(state, ledger);
  if (curveball) {
    // Clarifying questions asked in the same breath are answered first by whoever words the reply.
    return {
      kind: "curveball",
      curveball: { key: curveball.key, title: curveball.title, announcement: curveball.announcement },
    };
  }

  const open = openProbes(state.prompt, ledger);
  const facts = pendingFacts(state);
  if (facts.length > 0) {
    return { kind: "answer-facts", facts, followUp: followUpAfterFacts(open, clock, state.durationMinutes) };
  }

  if (isFinalStretch(clock, state.durationMinutes) && !summaryAsked(state, clock)) {
    return { kind: "wrap-up", question: WRAP_UP_QUESTIONS[0] };
  }

  const reaction = reactToAdditions(addedComponents(state), open);
  if (reaction) return { kind: "react-to-diagram", ...reaction };

  const suited = bestProbeForPhase(open, dimensionsForPhase(clock.currentPhase, state.durationMinutes));
  if (suited) return { kind: "probe", probeKey: suited.key, question: suited.question };

  const frameworkQuestion = nextFrameworkQuestion(state, clock.currentPhase);
  if (frameworkQuestion)
    return { kind: "framework-question", stepKey: clock.currentPhase.key, question: frameworkQuestion };

  const anyProbe = open[0];
  if (anyProbe) return { kind: "probe", probeKey: anyProbe.key, question: anyProbe.question };

  // The prompt's own probes are exhausted: a generic follow-up suited to the phase, asked once.
  const followUp = nextGenericFollowUp(state, clock);
  if (followUp) return { kind: "framework-question", stepKey: clock.currentPhase.key, question: followUp };

  return { kind: "wrap-up", question: wrapUpQuestion(state, clock) };
}

/** Decides the interviewer's next message from the state alone (deterministic). */
export function planTurn(state: InterviewState): TurnPlan {
  const clock = readClock(state);
  const ledger = buildLedger(state);
  return {
    elapsedSeconds: clock.elapsedSeconds,
    remainingSeconds: clock.remainingSeconds,
    phases: clock.phases,
    currentPhase: clock.currentPhase,
    ledger,
    action: chooseAction(state, clock, ledger),
    diagramDelta: diagramDeltaSince(state),
  };
}
