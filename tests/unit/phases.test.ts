import { describe, expect, it } from "vitest";
import { planPhases } from "@/lib/interview/phases";

const steps = [
  { key: "framing", title: "Framing", minutes: 7 },
  { key: "architecture", title: "Architecture", minutes: 12 },
  { key: "deep-dive", title: "Deep dive", minutes: 16 },
  { key: "tradeoffs", title: "Trade-offs", minutes: 7 },
  { key: "wrap-up", title: "Wrap-up", minutes: 3 },
];

describe("planPhases", () => {
  it("keeps the authored minutes when the duration is the base duration", () => {
    expect(planPhases(steps, 45).map((p) => p.minutes)).toEqual([7, 12, 16, 7, 3]);
  });

  it.each([30, 45, 60, 37])("scales to %i minutes in whole minutes that add up exactly", (duration) => {
    const phases = planPhases(steps, duration);
    expect(phases.reduce((sum, p) => sum + p.minutes, 0)).toBe(duration);
    phases.forEach((p) => expect(Number.isInteger(p.minutes)).toBe(true));
    // each phase stays within one minute of its exact share
    phases.forEach((p, i) => expect(Math.abs(p.minutes - (steps[i]!.minutes / 45) * duration)).toBeLessThan(1));
  });

  it("lays the phases end to end from minute 0", () => {
    const phases = planPhases(steps, 30);
    expect(phases[0]!.startMinute).toBe(0);
    for (let i = 1; i < phases.length; i++) {
      expect(phases[i]!.startMinute).toBe(phases[i - 1]!.startMinute + phases[i - 1]!.minutes);
    }
  });

  it("returns no phases for an empty framework", () => {
    expect(planPhases([], 45)).toEqual([]);
  });
});
