import { describe, expect, it } from "vitest";
import { actualPhaseMinutes, classifyMessage, stepVocabulary } from "@/lib/interview/phase-tracking";

const steps = [
  {
    key: "requirements",
    title: "Clarify requirements",
    goal: "Pin down users, traffic, latency targets and privacy constraints.",
    keyQuestions: ["Who are the users?", "What latency is acceptable?"],
  },
  {
    key: "estimation",
    title: "Estimate load and cost",
    goal: "Turn traffic into tokens per second, GPUs and monthly cost.",
    keyQuestions: ["How many tokens per day?", "How many GPUs?"],
  },
  {
    key: "architecture",
    title: "High-level architecture",
    goal: "Sketch the gateway, orchestration, retrieval and model serving path.",
    keyQuestions: ["Where does retrieval sit?", "How are requests routed to models?"],
  },
];

describe("phase tracking", () => {
  it("matches a message to the step whose distinctive words it uses", () => {
    const vocabularies = stepVocabulary(steps);
    expect(
      classifyMessage(
        vocabularies,
        "So that's roughly 2B tokens per day, which needs about 40 GPUs and costs $80K monthly",
      ),
    ).toBe(1);
    expect(
      classifyMessage(vocabularies, "The gateway routes requests to the orchestration layer, then retrieval"),
    ).toBe(2);
    expect(classifyMessage(vocabularies, "ok, sounds good")).toBeNull();
  });

  it("counts the time up to each message towards that message's step, and the rest to the current one", () => {
    const actual = actualPhaseMinutes(
      steps,
      [
        { content: "Who are the users and what latency targets do we have?", atSeconds: 120 },
        { content: "Any privacy constraints on the users' data?", atSeconds: 300 },
        { content: "That is 2B tokens per day, so about 40 GPUs and the monthly cost is...", atSeconds: 600 },
        { content: "ok", atSeconds: 660 },
        { content: "The gateway sends requests through orchestration to retrieval and model serving", atSeconds: 900 },
      ],
      1200,
    );
    expect(actual).toEqual([
      { key: "requirements", minutes: 5 },
      { key: "estimation", minutes: 6 },
      { key: "architecture", minutes: 9 },
    ]);
    expect(actual.reduce((sum, p) => sum + p.minutes, 0)).toBe(20);
  });

  it("puts all the time in the first step before the candidate has said anything", () => {
    expect(actualPhaseMinutes(steps, [], 90).map((p) => p.minutes)).toEqual([1.5, 0, 0]);
  });
});
