/**
 * The interview clock: time left, the planned phases and which one we are in. The server owns
 * time; everything here is computed from `durationMinutes` and `elapsedSeconds` alone.
 */
import type { FrameworkContent } from "@/lib/content/schema";
import { planPhases, type PlannedPhase } from "./phases";

export interface ClockReading {
  /** Elapsed interview time, never negative. */
  elapsedSeconds: number;
  durationSeconds: number;
  /** Never negative. */
  remainingSeconds: number;
  /** Share of the interview that has passed, 0–1. */
  fractionElapsed: number;
  phases: PlannedPhase[];
  currentPhase: PlannedPhase;
  /** Index of `currentPhase` in `phases`. */
  phaseIndex: number;
  /** Seconds spent in the current phase so far, and left in it by the plan. */
  secondsIntoPhase: number;
  secondsLeftInPhase: number;
  isOver: boolean;
}

export interface ClockInput {
  framework: Pick<FrameworkContent, "steps">;
  durationMinutes: number;
  elapsedSeconds: number;
}

export function durationSeconds(durationMinutes: number): number {
  return Math.max(0, durationMinutes) * 60;
}

export function remainingSeconds(durationMinutes: number, elapsedSeconds: number): number {
  return Math.max(0, durationSeconds(durationMinutes) - Math.max(0, elapsedSeconds));
}

/** The interview ends at the deadline; the model can never end it early (only the candidate can). */
export function isInterviewOver(durationMinutes: number, elapsedSeconds: number): boolean {
  return remainingSeconds(durationMinutes, elapsedSeconds) <= 0;
}

export function phaseEndSeconds(phase: PlannedPhase): number {
  return (phase.startMinute + phase.minutes) * 60;
}

/**
 * The phase planned for `elapsedSeconds`. Phases scaled down to zero minutes are skipped; before
 * the start it is the first phase and after the end the last one.
 */
export function phaseIndexAt(phases: readonly PlannedPhase[], elapsedSeconds: number): number {
  if (phases.length === 0) return -1;
  for (let i = 0; i < phases.length; i++) {
    const phase = phases[i]!;
    if (phase.minutes > 0 && elapsedSeconds < phaseEndSeconds(phase)) return i;
  }
  return phases.length - 1;
}

/** Used when a framework has no steps (the schema forbids it, but the engine must not crash). */
function wholeInterviewPhase(durationMinutes: number): PlannedPhase {
  return { key: "interview", title: "Interview", startMinute: 0, minutes: durationMinutes };
}

export function readClock(input: ClockInput): ClockReading {
  const elapsed = Math.max(0, input.elapsedSeconds);
  const total = durationSeconds(input.durationMinutes);
  const planned = planPhases(input.framework.steps, input.durationMinutes);
  const phases = planned.length > 0 ? planned : [wholeInterviewPhase(input.durationMinutes)];
  const phaseIndex = Math.max(0, phaseIndexAt(phases, elapsed));
  const currentPhase = phases[phaseIndex]!;
  return {
    elapsedSeconds: elapsed,
    durationSeconds: total,
    remainingSeconds: Math.max(0, total - elapsed),
    fractionElapsed: total > 0 ? Math.min(1, elapsed / total) : 1,
    phases,
    currentPhase,
    phaseIndex,
    secondsIntoPhase: Math.max(0, elapsed - currentPhase.startMinute * 60),
    secondsLeftInPhase: Math.max(0, phaseEndSeconds(currentPhase) - elapsed),
    isOver: elapsed >= total,
  };
}
