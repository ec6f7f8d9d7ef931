import { describe, expect, it } from "vitest";
import { isInterviewOver, phaseIndexAt, readClock, remainingSeconds } from "@/lib/interview";
import { frameworkNamed, minutes } from "./helpers";

const sevenStep = frameworkNamed("seven-step"); // 6, 5, 6, 7, 7, 9, 5 minutes at 45

describe("interview clock", () => {
  it("counts remaining time down to zero and never below", () => {
    expect(remainingSeconds(45, 0)).toBe(2700);
    expect(remainingSeconds(45, minutes(44.5))).toBe(30);
    expect(remainingSeconds(45, minutes(50))).toBe(0);
    expect(remainingSeconds(45, -10)).toBe(2700);
  });

  it("is over exactly at the deadline", () => {
    expect(isInterviewOver(45, minutes(45) - 1)).toBe(false);
    expect(isInterviewOver(45, minutes(45))).toBe(true);
    expect(readClock({ framework: sevenStep, durationMinutes: 30, elapsedSeconds: minutes(31) }).isOver).toBe(true);
  });

  it("finds the current phase from the framework's scaled minutes", () => {
    const at = (m: number) => readClock({ framework: sevenStep, durationMinutes: 45, elapsedSeconds: minutes(m) });
    expect(at(0).currentPhase.key).toBe("requirements");
    expect(at(5.99).currentPhase.key).toBe("requirements");
    expect(at(6).currentPhase.key).toBe("ml-framing");
    expect(at(32).currentPhase.key).toBe("system-architecture");
    expect(at(44).currentPhase.key).toBe("deployment-monitoring");
    // after the deadline the last phase stays current
    expect(at(50).currentPhase.key).toBe("deployment-monitoring");
  });

  it("scales phases to a 30-minute interview", () => {
    const clock = readClock({ framework: sevenStep, durationMinutes: 30, elapsedSeconds: minutes(4.5) });
    expect(clock.phases.reduce((sum, p) => sum + p.minutes, 0)).toBe(30);
    expect(clock.phases[0]).toMatchObject({ key: "requirements", minutes: 4 });
    expect(clock.currentPhase.key).toBe("ml-framing");
    expect(clock.phaseIndex).toBe(1);
  });

  it("reports time into and left in the current phase, and the share elapsed", () => {
    const clock = readClock({ framework: sevenStep, durationMinutes: 45, elapsedSeconds: minutes(8) });
    expect(clock.currentPhase.key).toBe("ml-framing"); // 6–11
    expect(clock.secondsIntoPhase).toBe(minutes(2));
    expect(clock.secondsLeftInPhase).toBe(minutes(3));
    expect(clock.fractionElapsed).toBeCloseTo(8 / 45);
    expect(clock.remainingSeconds).toBe(minutes(37));
  });

  it("skips phases scaled down to zero minutes", () => {
    const phases = [
      { key: "a", title: "A", startMinute: 0, minutes: 0 },
      { key: "b", title: "B", startMinute: 0, minutes: 5 },
    ];
    expect(phaseIndexAt(phases, 0)).toBe(1);
  });

  it("falls back to one whole-interview phase for a framework without steps", () => {
    const clock = readClock({ framework: { steps: [] }, durationMinutes: 30, elapsedSeconds: 60 });
    expect(clock.currentPhase).toEqual({ key: "interview", title: "Interview", startMinute: 0, minutes: 30 });
  });
});
