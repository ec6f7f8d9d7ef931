/**
 * Interview phases: a framework's step minutes scaled to the chosen duration. Whole minutes,
 * rounded so they still add up to the duration exactly (largest remainder first).
 */
export interface StepMinutes {
  key: string;
  title: string;
  minutes: number;
}

export interface PlannedPhase {
  key: string;
  title: string;
  /** Minutes from the start of the interview. */
  startMinute: number;
  minutes: number;
}

export function planPhases(steps: readonly StepMinutes[], durationMinutes: number): PlannedPhase[] {
  const total = steps.reduce((sum, s) => sum + s.minutes, 0);
  if (steps.length === 0 || total <= 0) return [];
  const exact = steps.map((s) => (s.minutes / total) * durationMinutes);
  const whole = exact.map(Math.floor);
  let missing = durationMinutes - whole.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((value, i) => ({ i, rest: value - Math.floor(value) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of byRemainder) {
    if (missing <= 0) break;
    whole[i]! += 1;
    missing -= 1;
  }
  let start = 0;
  return steps.map((step, i) => {
    const phase = { key: step.key, title: step.title, startMinute: start, minutes: whole[i]! };
    start += whole[i]!;
    return phase;
  });
}
