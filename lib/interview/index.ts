// Public API of the interviewer engine: pure TypeScript, no I/O, no clock, no randomness.
//
//   readClock(state)                 → time left, planned phases, current phase, over or not
//   buildLedger(state)               → facts asked, probes covered/raised, curveballs, board labels
//   dueCurveball(state, ledger)      → the curveball to issue now, or null (rules in scheduler.ts)
//   dueNudge(state)                  → the time nudge to post now, or null (each key once)
//   planTurn(state)                  → TurnPlan: what the interviewer's next message does
//   offlineReply(state, plan)        → the OFFLINE interviewer's wording of a plan
//   openingMessage(prompt, fw, mode) → the interviewer's first message
//   buildInterviewerContext(state, plan, options) → cached/dynamic system + messages for a model

export type * from "./types";
export type { PlannedPhase, StepMinutes } from "./phases";
export { planPhases } from "./phases";

export { durationSeconds, isInterviewOver, phaseIndexAt, readClock, remainingSeconds } from "./clock";
export type { ClockInput, ClockReading } from "./clock";

export { boardComponentLabels, buildLedger, factTopicsAskedIn, factsAskedIn, latestCandidateMessage } from "./ledger";

export {
  CURVEBALL_EARLIEST_FRACTION,
  CURVEBALL_GAP_MINUTES_AT_45,
  CURVEBALL_MIN_NODES,
  CURVEBALL_QUIET_END_SECONDS,
  NUDGE_FIVE_MINUTES,
  NUDGE_TEN_MINUTES,
  PHASE_OVERRUN_PREFIX,
  curveballEarliestSeconds,
  dueCurveball,
  dueNudge,
  maxCurveballs,
  minCurveballGapSeconds,
  timeWarnings,
} from "./scheduler";
export type { CurveballContent, TimeWarnings } from "./scheduler";

export { addedComponents, diagramDeltaSince, genericComponentQuestion } from "./board";

export { WRAP_UP_QUESTIONS, dimensionsForPhase, pendingFacts, planTurn, unansweredCandidateMessages } from "./policy";

export { offlineReply, openingMessage } from "./offline";

export { nextHint, type Hint } from "./hints";

export { DEFAULT_CONTEXT_MAX_TOKENS, DEFAULT_RECENT_TURNS, buildInterviewerContext, deriveNonce } from "./context";
export type { InterviewerContextOptions } from "./context";

export { INTERVIEWER_PROMPT, INTERVIEWER_PROMPT_REF } from "@/prompts/interviewer.v1";
