/**
 * Events decided in code, not by the model: when a curveball is due and when a time nudge is due.
 * Both are pure functions of the state, so the same state always gives the same answer.
 */
import type { PromptContent } from "@/lib/content/schema";
import { phaseEndSeconds, readClock, type ClockReading } from "./clock";
import { mentionsAnyStem, stemsOf } from "./text";
import type { InterviewState, Ledger, TimeNudge, TranscriptMessage } from "./types";

export type CurveballContent = PromptContent["curveballs"][number];

// ───────────────────────── curveballs ─────────────────────────

/** No curveball before this share of the interview, whatever the curveball itself allows. */
export const CURVEBALL_EARLIEST_FRACTION = 0.25;
/** No curveball in the last minutes: the candidate needs time to adapt. */
export const CURVEBALL_QUIET_END_SECONDS = 5 * 60;
/** Minimum gap between curveballs in a 45-minute interview; scaled with the duration. */
export const CURVEBALL_GAP_MINUTES_AT_45 = 8;
/** A curveball that needs a board waits until the board shows at least this many nodes. */
export const CURVEBALL_MIN_NODES = 2;

/** How many curveballs an interview gets: 1 for 30 minutes, 2 for 45, 3 for 60 and longer. */
export function maxCurveballs(durationMinutes: number): number {
  return Math.min(3, Math.max(1, Math.floor(durationMinutes / 15) - 1));
}

export function minCurveballGapSeconds(durationMinutes: number): number {
  return CURVEBALL_GAP_MINUTES_AT_45 * 60 * (durationMinutes / 45);
}

export function curveballEarliestSeconds(
  curveball: Pick<CurveballContent, "earliestFraction">,
  durationMinutes: number,
): number {
  return Math.max(CURVEBALL_EARLIEST_FRACTION, curveball.earliestFraction) * durationMinutes * 60;
}

function boardNodeCount(state: Pick<InterviewState, "diagram">): number {
  return state.diagram.current?.nodes.length ?? 0;
}

function lastInterviewerMessage(messages: readonly TranscriptMessage[]): TranscriptMessage | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i]!.role === "interviewer") return messages[i]!;
  }
  return null;
}

/**
 * True when the interviewer has not spoken since the last curveball: the candidate gets at least
 * one full exchange to answer a curveball before the next one.
 */
function lastInterviewerTurnWasCurveball(state: Pick<InterviewState, "messages" | "curveballsIssued">): boolean {
  const last = lastInterviewerMessage(state.messages);
  if (last?.kind === "curveball") return true;
  const latestCurveballAt = Math.max(-Infinity, ...state.curveballsIssued.map((c) => c.atSeconds));
  return latestCurveballAt > -Infinity && (last === null || last.atSeconds <= latestCurveballAt);
}

/** Rules that hold for the interview as a whole, whichever curveball would come next. */
function interviewAllowsCurveball(state: InterviewState, ledger: Ledger, clock: ClockReading): boolean {
  if (clock.isOver) return false;
  if (ledger.curveballsIssued.length >= maxCurveballs(state.durationMinutes)) return false;
  if (clock.remainingSeconds <= CURVEBALL_QUIET_END_SECONDS) return false;
  if (state.curveballsIssued.length > 0) {
    const previous = Math.max(...state.curveballsIssued.map((c) => c.atSeconds));
    if (clock.elapsedSeconds - previous < minCurveballGapSeconds(state.durationMinutes)) return false;
    if (lastInterviewerTurnWasCurveball(state)) return false;
  }
  return true;
}

/** Rules of one curveball: its own earliest time, and a board when it talks about the design drawn. */
function curveballReady(curveball: CurveballContent, state: InterviewState, clock: ClockReading): boolean {
  if (clock.elapsedSeconds < curveballEarliestSeconds(curveball, state.durationMinutes)) return false;
  if (curveball.needsDiagram && boardNodeCount(state) < CURVEBALL_MIN_NODES) return false;
  return true;
}

/** The curveball to issue now, or null: the first one (in file order) not yet issued that is ready. */
export function dueCurveball(state: InterviewState, ledger: Ledger): CurveballContent | null {
  const clock = readClock(state);
  if (!interviewAllowsCurveball(state, ledger, clock)) return null;
  const issued = new Set(ledger.curveballsIssued);
  return state.prompt.curveballs.find((c) => !issued.has(c.key) && curveballReady(c, state, clock)) ?? null;
}

// ───────────────────────── time nudges ─────────────────────────

export const NUDGE_TEN_MINUTES = "ten-minutes-left";
export const NUDGE_FIVE_MINUTES = "five-minutes-left";
export const PHASE_OVERRUN_PREFIX = "phase-overrun:";

/** A phase counts as overrun once we are past its planned end by this share of its length. */
const OVERRUN_TOLERANCE = 0.5;
/** How far back candidate messages are read for signs that they moved on to the next phase. */
const RECENT_WINDOW_SECONDS = 2 * 60;
/** Title words too common in any answer to show the candidate moved on ("the problem is…"). */
const VAGUE_TITLE_STEMS = new Set(["proble", "level", "clarif"]);
/** Below this many minutes between the two warnings, only the last one is given. */
const MIN_MINUTES_BETWEEN_WARNINGS = 3;

export interface TimeWarnings {
  /** Minutes left at the first warning, or null when the interview is too short for two. */
  firstAtMinutes: number | null;
  finalAtMinutes: number;
}

/**
 * When the time warnings fire: 10 and 5 minutes before the end at 45 minutes and longer, scaled
 * down for shorter interviews (7 and 3 for 30 minutes); when the two would nearly coincide
 * (20 minutes: 4 and 2) only the final one is kept.
 */
export function timeWarnings(durationMinutes: number): TimeWarnings {
  const scale = Math.min(1, durationMinutes / 45);
  const first = Math.round(10 * scale);
  const final = Math.max(1, Math.round(5 * scale));
  return { firstAtMinutes: first - final >= MIN_MINUTES_BETWEEN_WARNINGS ? first : null, finalAtMinutes: final };
}

function minutesPhrase(minutes: number): string {
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}

function finalWarning(minutes: number): TimeNudge {
  return {
    key: NUDGE_FIVE_MINUTES,
    text: `About ${minutesPhrase(minutes)} left — start bringing it together: the design end to end and the trade-off you'd revisit first.`,
  };
}

function firstWarning(minutes: number): TimeNudge {
  return {
    key: NUDGE_TEN_MINUTES,
    text: `About ${minutesPhrase(minutes)} left — let's make sure we get to trade-offs and failure modes.`,
  };
}

function lowerFirst(text: string): string {
  return text.length > 1 && text[1] === text[1]!.toLowerCase() ? text[0]!.toLowerCase() + text.slice(1) : text;
}

/**
 * "Still on the previous phase": we are past the previous phase's planned end by more than half
 * its length, the candidate has spoken in the last two minutes, and none of that mentions the
 * current phase's title words. Deliberately simple; it fires at most once per phase.
 */
function phaseOverrunNudge(state: InterviewState, clock: ClockReading): TimeNudge | null {
  const previous = clock.phases[clock.phaseIndex - 1];
  const next = clock.currentPhase;
  if (!previous || previous.minutes <= 0) return null;
  const overrunBy = clock.elapsedSeconds - phaseEndSeconds(previous);
  if (overrunBy <= previous.minutes * 60 * OVERRUN_TOLERANCE) return null;

  const since = clock.elapsedSeconds - RECENT_WINDOW_SECONDS;
  const recent = state.messages.filter((m) => m.role === "candidate" && m.atSeconds >= since);
  if (recent.length === 0) return null;
  const stems = stemsOf(`${next.title} ${next.key.replace(/-/g, " ")}`).filter((stem) => !VAGUE_TITLE_STEMS.has(stem));
  if (recent.some((m) => mentionsAnyStem(m.content, stems))) return null;

  return {
    key: `${PHASE_OVERRUN_PREFIX}${previous.key}`,
    text: `We're a few minutes over on ${lowerFirst(previous.title)} — let's move to ${lowerFirst(next.title)}.`,
  };
}

/**
 * The time nudge due now, or null. Each key fires once; the most urgent wins. A warning whose
 * moment has passed without firing is skipped rather than given late.
 */
export function dueNudge(state: InterviewState): TimeNudge | null {
  const clock = readClock(state);
  if (clock.isOver) return null;
  const given = new Set(state.nudgesIssued);
  const warnings = timeWarnings(state.durationMinutes);
  const remainingMinutes = clock.remainingSeconds / 60;

  if (remainingMinutes <= warnings.finalAtMinutes) {
    return given.has(NUDGE_FIVE_MINUTES) ? null : finalWarning(warnings.finalAtMinutes);
  }
  if (
    warnings.firstAtMinutes !== null &&
    remainingMinutes <= warnings.firstAtMinutes &&
    !given.has(NUDGE_TEN_MINUTES)
  ) {
    return firstWarning(warnings.firstAtMinutes);
  }
  const overrun = phaseOverrunNudge(state, clock);
  return overrun && !given.has(overrun.key) ? overrun : null;
}
