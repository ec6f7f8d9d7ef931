import { describe, expect, it } from "vitest";
import type { PromptContent } from "@/lib/content/schema";
import { buildLedger, dueCurveball, dueNudge, maxCurveballs, timeWarnings, type InterviewState } from "@/lib/interview";
import { boardOf, makeState, minutes, promptNamed, transcript } from "./helpers";

const base = promptNamed("design-chatgpt");
type Curveball = PromptContent["curveballs"][number];
const curveball = (key: string, earliestFraction: number, needsDiagram: boolean): Curveball => ({
  key,
  title: `Curveball ${key}`,
  announcement: `Announcement for ${key}: the constraint changes now.`,
  goodAdaptation: "Adapts the design with numbers and names the trade-offs it makes.",
  dimension: "adaptation",
  earliestFraction,
  needsDiagram,
});
/** Early, no board needed — only the interview-wide rules can hold it back. */
const early = curveball("early", 0.1, false);
const prompt = (...curveballs: Curveball[]): PromptContent => ({ ...base, curveballs });
const twoBoxes = { current: boardOf("Client", "API"), atLastInterviewerTurn: boardOf("Client", "API"), snapshotSeq: 3 };

function due(overrides: Partial<InterviewState>): string | null {
  const state = makeState({ prompt: prompt(early), diagram: twoBoxes, ...overrides });
  return dueCurveball(state, buildLedger(state))?.key ?? null;
}

describe("dueCurveball", () => {
  it("waits for 25% of the interview even when the curveball allows earlier", () => {
    expect(due({ elapsedSeconds: minutes(11) })).toBeNull(); // 24% of 45
    expect(due({ elapsedSeconds: minutes(11.5) })).toBe("early");
  });

  it("waits for the curveball's own earliest fraction", () => {
    const late = curveball("late", 0.5, false);
    expect(due({ prompt: prompt(late), elapsedSeconds: minutes(22) })).toBeNull();
    expect(due({ prompt: prompt(late), elapsedSeconds: minutes(22.5) })).toBe("late");
  });

  it("needs at least two nodes on the board when the curveball needs a diagram", () => {
    const drawn = curveball("drawn", 0.25, true);
    const at = { prompt: prompt(drawn), elapsedSeconds: minutes(15) };
    expect(due({ ...at, diagram: { current: null, atLastInterviewerTurn: null, snapshotSeq: null } })).toBeNull();
    expect(
      due({ ...at, diagram: { current: boardOf("LLM"), atLastInterviewerTurn: null, snapshotSeq: 1 } }),
    ).toBeNull();
    expect(due({ ...at, diagram: twoBoxes })).toBe("drawn");
    // a curveball that needs no board does not wait for one
    expect(
      due({ elapsedSeconds: minutes(15), diagram: { current: null, atLastInterviewerTurn: null, snapshotSeq: null } }),
    ).toBe("early");
  });

  it("issues at most 1, 2, 3 curveballs in 30, 45, 60 minutes", () => {
    expect([30, 45, 60].map(maxCurveballs)).toEqual([1, 2, 3]);
    const second = curveball("second", 0.1, false);
    const third = curveball("third", 0.1, false);
    const afterOne = {
      prompt: prompt(early, second, third),
      curveballsIssued: [{ key: "early", atSeconds: minutes(8) }],
      messages: transcript(
        ["interviewer", 8, "A change.", "curveball"],
        ["candidate", 9, "I'd shed load."],
        ["interviewer", 10, "Why?"],
      ),
    };
    expect(due({ ...afterOne, durationMinutes: 30, elapsedSeconds: minutes(20) })).toBeNull();
    expect(due({ ...afterOne, durationMinutes: 45, elapsedSeconds: minutes(20) })).toBe("second");
    const afterTwo = {
      ...afterOne,
      curveballsIssued: [...afterOne.curveballsIssued, { key: "second", atSeconds: minutes(20) }],
      messages: transcript(
        ["interviewer", 8, "A change.", "curveball"],
        ["candidate", 9, "I'd shed load."],
        ["interviewer", 10, "Why?"],
        ["interviewer", 20, "Another change.", "curveball"],
        ["candidate", 21, "I'd add a region."],
        ["interviewer", 22, "Which one?"],
      ),
    };
    expect(due({ ...afterTwo, durationMinutes: 45, elapsedSeconds: minutes(35) })).toBeNull();
    expect(due({ ...afterTwo, durationMinutes: 60, elapsedSeconds: minutes(35) })).toBe("third");
  });

  it("stays quiet in the last 5 minutes", () => {
    expect(due({ elapsedSeconds: minutes(39.9) })).toBe("early");
    expect(due({ elapsedSeconds: minutes(40) })).toBeNull();
    expect(due({ elapsedSeconds: minutes(44) })).toBeNull();
  });

  it("leaves at least 8 minutes (scaled by duration/45) between curveballs", () => {
    const second = curveball("second", 0.1, false);
    const after = {
      prompt: prompt(early, second),
      curveballsIssued: [{ key: "early", atSeconds: minutes(15) }],
      messages: transcript(
        ["interviewer", 15, "A change.", "curveball"],
        ["candidate", 16, "Hmm."],
        ["interviewer", 17, "Go on."],
      ),
    };
    expect(due({ ...after, elapsedSeconds: minutes(22.9) })).toBeNull();
    expect(due({ ...after, elapsedSeconds: minutes(23) })).toBe("second");
    // 60 minutes: 10m40s
    expect(due({ ...after, durationMinutes: 60, elapsedSeconds: minutes(25) })).toBeNull();
    expect(due({ ...after, durationMinutes: 60, elapsedSeconds: minutes(25.7) })).toBe("second");
  });

  it("never comes as the very next interviewer turn after a curveball", () => {
    const second = curveball("second", 0.1, false);
    const messages = transcript(
      ["interviewer", 15, "A change.", "curveball"],
      ["candidate", 17, "First I'd recompute the load."],
      ["candidate", 26, "Then I'd shed free-tier traffic."],
    );
    const state = {
      prompt: prompt(early, second),
      durationMinutes: 60,
      elapsedSeconds: minutes(27),
      curveballsIssued: [{ key: "early", atSeconds: minutes(15) }],
    };
    expect(due({ ...state, messages })).toBeNull();
    const answered = [...messages, ...transcript(["interviewer", 26.5, "Why free tier first?"])].map((m, i) => ({
      ...m,
      seq: i + 1,
    }));
    expect(due({ ...state, messages: answered })).toBe("second");
  });

  it("picks the first curveball in file order that is not issued and is ready", () => {
    const a = curveball("a", 0.25, true);
    const b = curveball("b", 0.25, false);
    const c = curveball("c", 0.25, false);
    const empty = { current: null, atLastInterviewerTurn: null, snapshotSeq: null };
    expect(due({ prompt: prompt(a, b, c), elapsedSeconds: minutes(15) })).toBe("a");
    expect(due({ prompt: prompt(a, b, c), elapsedSeconds: minutes(15), diagram: empty })).toBe("b");
    expect(
      due({
        prompt: prompt(a, b, c),
        durationMinutes: 60,
        elapsedSeconds: minutes(30),
        curveballsIssued: [{ key: "a", atSeconds: minutes(15) }],
        messages: transcript(
          ["interviewer", 15, "A change.", "curveball"],
          ["candidate", 16, "Ok."],
          ["interviewer", 17, "And?"],
        ),
      }),
    ).toBe("b");
  });

  it("issues nothing once every curveball was used or the interview is over", () => {
    expect(
      due({
        curveballsIssued: [{ key: "early", atSeconds: 0 }],
        elapsedSeconds: minutes(30),
        messages: transcript(["interviewer", 1, "Hi"]),
      }),
    ).toBeNull();
    expect(due({ elapsedSeconds: minutes(46) })).toBeNull();
  });
});

describe("dueNudge", () => {
  /** Walks the clock in 10-second steps, giving each due nudge as a caller would; returns key → minute fired. */
  function nudgeTimeline(durationMinutes: number, messagesAt?: (elapsed: number) => InterviewState["messages"]) {
    const fired: Record<string, number> = {};
    const state = makeState({ durationMinutes, messages: transcript(["interviewer", 0, "Welcome."]) });
    for (let t = 0; t <= durationMinutes * 60; t += 10) {
      state.elapsedSeconds = t;
      if (messagesAt) state.messages = messagesAt(t);
      const nudge = dueNudge(state);
      if (nudge) {
        expect(fired[nudge.key], `${nudge.key} fired twice`).toBeUndefined();
        fired[nudge.key] = t / 60;
        state.nudgesIssued.push(nudge.key);
      }
    }
    return fired;
  }

  it("gives the 10- and 5-minute warnings once each in a 45-minute interview", () => {
    expect(nudgeTimeline(45)).toEqual({ "ten-minutes-left": 35, "five-minutes-left": 40 });
  });

  it("words the 10-minute warning as a push towards trade-offs and failure modes", () => {
    const nudge = dueNudge(makeState({ elapsedSeconds: minutes(35.5) }));
    expect(nudge).toEqual({
      key: "ten-minutes-left",
      text: "About 10 minutes left — let's make sure we get to trade-offs and failure modes.",
    });
    expect(dueNudge(makeState({ elapsedSeconds: minutes(35.5), nudgesIssued: ["ten-minutes-left"] }))).toBeNull();
    expect(dueNudge(makeState({ elapsedSeconds: minutes(41) }))?.text).toMatch(/^About 5 minutes left/);
  });

  it("fires proportionally for 30 and 60 minutes and keeps only the final warning when they would overlap", () => {
    expect(timeWarnings(30)).toEqual({ firstAtMinutes: 7, finalAtMinutes: 3 });
    expect(nudgeTimeline(30)).toEqual({ "ten-minutes-left": 23, "five-minutes-left": 27 });
    expect(dueNudge(makeState({ durationMinutes: 30, elapsedSeconds: minutes(23.5) }))?.text).toMatch(
      /^About 7 minutes left/,
    );
    expect(nudgeTimeline(60)).toEqual({ "ten-minutes-left": 50, "five-minutes-left": 55 });
    expect(timeWarnings(20)).toEqual({ firstAtMinutes: null, finalAtMinutes: 2 });
    expect(nudgeTimeline(20)).toEqual({ "five-minutes-left": 18 });
  });

  it("skips a warning whose moment passed rather than giving it late", () => {
    expect(dueNudge(makeState({ elapsedSeconds: minutes(41) }))?.key).toBe("five-minutes-left");
    expect(dueNudge(makeState({ elapsedSeconds: minutes(41), nudgesIssued: ["five-minutes-left"] }))).toBeNull();
  });

  it("nudges a candidate still on the previous phase well past its planned end", () => {
    // seven-step at 45: requirements 0–6, ml-framing 6–11; 50% over = minute 9
    const stillAsking = transcript(
      ["interviewer", 0, "Welcome."],
      ["candidate", 8.5, "Do we need multi-region, and what is the peak QPS?"],
    );
    expect(dueNudge(makeState({ elapsedSeconds: minutes(8.9), messages: stillAsking }))).toBeNull();
    expect(dueNudge(makeState({ elapsedSeconds: minutes(9.5), messages: stillAsking }))).toEqual({
      key: "phase-overrun:requirements",
      text: "We're a few minutes over on clarify requirements and constraints — let's move to frame it as an ML problem.",
    });
    expect(
      dueNudge(
        makeState({
          elapsedSeconds: minutes(9.5),
          messages: stillAsking,
          nudgesIssued: ["phase-overrun:requirements"],
        }),
      ),
    ).toBeNull();
  });

  it("does not nudge when the candidate's recent messages are already on the next phase, or when they are silent", () => {
    const movedOn = transcript(
      ["interviewer", 0, "Welcome."],
      ["candidate", 8.5, "Framing this as ML: input is the conversation, output is streamed text."],
    );
    expect(dueNudge(makeState({ elapsedSeconds: minutes(9.5), messages: movedOn }))).toBeNull();
    const quiet = transcript(["interviewer", 0, "Welcome."], ["candidate", 5, "What is the peak QPS?"]);
    expect(dueNudge(makeState({ elapsedSeconds: minutes(9.5), messages: quiet }))).toBeNull();
  });

  it("returns nothing after the deadline", () => {
    expect(dueNudge(makeState({ elapsedSeconds: minutes(45) }))).toBeNull();
  });
});
