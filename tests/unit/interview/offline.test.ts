import { describe, expect, it } from "vitest";
import { offlineReply, openingMessage, planTurn, type InterviewState } from "@/lib/interview";
import { boardOf, frameworkNamed, makeState, minutes, promptNamed, transcript } from "./helpers";

const chatgpt = promptNamed("design-chatgpt");
const fact = (topic: string) => chatgpt.factSheet.find((f) => f.topic === topic)!.answer.replace(/\s+/g, " ");
const reply = (state: InterviewState) => offlineReply(state, planTurn(state));
const asking = (minute: number, text: string, seq = 2) => [
  ...transcript(["interviewer", 0, "Welcome."]),
  ...transcript(["candidate", minute, text]).map((m) => ({ ...m, seq })),
];

describe("offlineReply", () => {
  it("answers a clarifying question with the fact sheet's numbers", () => {
    const text = reply(makeState({ elapsedSeconds: 90, messages: asking(1.5, "How many users do we expect?") }));
    expect(text).toContain(fact("users"));
    expect(text).toContain("20M daily active users");
    expect(text).not.toContain(fact("latency"));
  });

  it("answers several questions in one message and then lets the candidate go on", () => {
    const text = reply(
      makeState({ elapsedSeconds: 120, messages: asking(2, "What's the latency SLO? And how many GPUs do we have?") }),
    );
    expect(text).toContain(fact("latency"));
    expect(text).toContain(fact("budget"));
    expect(text.trim().endsWith("?")).toBe(true);
  });

  it("delivers a curveball as the announcement plus how the design changes", () => {
    const regionOutage = chatgpt.curveballs.find((c) => c.key === "region-outage")!;
    const prompt = { ...chatgpt, curveballs: [regionOutage] };
    const text = reply(
      makeState({
        prompt,
        elapsedSeconds: minutes(20),
        messages: asking(19.5, "The gateway sends traffic to the serving pool."),
        diagram: {
          current: boardOf("Gateway", "Serving pool"),
          atLastInterviewerTurn: boardOf("Gateway", "Serving pool"),
          snapshotSeq: 5,
        },
      }),
    );
    expect(text).toContain(regionOutage.announcement.replace(/\s+/g, " ").trim());
    expect(text.endsWith("How does your design change?")).toBe(true);
  });

  it("does not add a second question when the announcement already asks one", () => {
    const text = reply(makeState({ elapsedSeconds: minutes(20), messages: asking(19.5, "Next, the serving pool.") }));
    expect(text).toContain("What changes?");
    expect(text).not.toContain("How does your design change?");
  });

  it("answers a pending clarifying question before announcing a curveball", () => {
    const text = reply(
      makeState({ elapsedSeconds: minutes(20), messages: asking(19.5, "How many users do we have?") }),
    );
    expect(text.indexOf("20M daily active users")).toBeGreaterThanOrEqual(0);
    expect(text.indexOf("20M daily active users")).toBeLessThan(text.indexOf("600M"));
  });

  it("names a component added to the board", () => {
    const text = reply(
      makeState({
        elapsedSeconds: minutes(14),
        messages: asking(13.5, "I'm adding retrieval."),
        diagram: { current: boardOf("Client", "Vector DB"), atLastInterviewerTurn: boardOf("Client"), snapshotSeq: 3 },
      }),
    );
    expect(text).toBe("You added Vector DB — how are the embeddings in it refreshed when the source documents change?");
  });

  it("names several added components and says which one the question is about", () => {
    const text = reply(
      makeState({
        elapsedSeconds: minutes(14),
        messages: asking(13.5, "More boxes."),
        diagram: {
          current: boardOf("Client", "Foo", "Vector DB"),
          atLastInterviewerTurn: boardOf("Client"),
          snapshotSeq: 3,
        },
      }),
    );
    expect(text).toBe(
      "You added Vector DB and Foo. Starting with Vector DB — how are the embeddings in it refreshed when the source documents change?",
    );
  });

  it("varies its openers with the message sequence, deterministically", () => {
    const probeReply = (seq: number) =>
      reply(makeState({ elapsedSeconds: minutes(3), messages: asking(2.5, "Okay, noted.", seq) }));
    const openers = new Set([2, 3, 4, 5, 6].map((seq) => probeReply(seq).split(" ")[0]));
    expect(openers.size).toBeGreaterThan(2);
    expect(probeReply(7)).toBe(probeReply(7));
  });

  it("asks the candidate to assume a number the fact sheet does not have", () => {
    const text = reply(
      makeState({ elapsedSeconds: minutes(3), messages: asking(2.5, "How many engineers are on the team?") }),
    );
    expect(text).toMatch(/^I don't have a number for that — make a reasonable assumption/);
  });

  it("asks one question at a time", () => {
    const text = reply(makeState({ elapsedSeconds: minutes(3), messages: asking(2.5, "Okay.") }));
    expect(text.match(/\?/g)).toHaveLength(1);
  });

  it("closes at the deadline without talking about scores", () => {
    const text = reply(makeState({ elapsedSeconds: minutes(45), messages: asking(44.9, "One more thing?") }));
    expect(text).toMatch(/^That's time/);
    expect(text).not.toMatch(/score|grade|level/i);
  });
});

describe("openingMessage", () => {
  const framework = frameworkNamed("seven-step");

  it("greets, restates the problem, says how the time is used and asks for clarifying questions", () => {
    const text = openingMessage(chatgpt, framework, "interview");
    expect(text).toMatch(/^Hi/);
    expect(text).toContain(chatgpt.title);
    expect(text).toContain("We have 45 minutes: roughly the first 6 on clarify requirements and constraints");
    expect(text).toContain("the last 5 on deployment and monitoring");
    expect(text.trim().endsWith("what would you like to clarify?")).toBe(true);
    expect(text).not.toMatch(/ask me for a hint/);
  });

  it("scales the time plan to the chosen duration", () => {
    expect(openingMessage(chatgpt, framework, "interview", 30)).toContain("We have 30 minutes: roughly the first 4 on");
  });

  it("mentions hints in coach mode", () => {
    expect(openingMessage(chatgpt, framework, "coach")).toMatch(/ask me for a hint/);
  });
});
