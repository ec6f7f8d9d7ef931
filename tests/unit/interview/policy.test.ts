import { describe, expect, it } from "vitest";
import { dimensionsForPhase, planTurn, readClock, WRAP_UP_QUESTIONS, type TurnAction } from "@/lib/interview";
import { boardOf, frameworkNamed, makeState, minutes, promptNamed, transcript } from "./helpers";

const chatgpt = promptNamed("design-chatgpt");
/** The bank's curveballs, all waiting for a board, so that on an empty board none is due. */
const noCurveballDue = { ...chatgpt, curveballs: chatgpt.curveballs.map((c) => ({ ...c, needsDiagram: true })) };
const probeDimension = (key: string) => chatgpt.probes.find((p) => p.key === key)?.dimension;
const opening = transcript(["interviewer", 0, "Welcome. What would you like to clarify?"]);
const withCandidate = (minute: number, text: string) => [
  ...opening,
  ...transcript(["candidate", minute, text]).map((m) => ({ ...m, seq: 2 })),
];
const board = (before: string[], after: string[]) => ({
  current: boardOf(...after),
  atLastInterviewerTurn: boardOf(...before),
  snapshotSeq: 4,
});

function action(overrides: Parameters<typeof makeState>[0]): TurnAction {
  return planTurn(makeState(overrides)).action;
}

describe("planTurn priorities", () => {
  it("closes when time is up, whatever else is pending", () => {
    expect(
      action({
        elapsedSeconds: minutes(45),
        messages: withCandidate(44.9, "How many users?"),
        diagram: board(["A"], ["A", "B", "C"]),
      }),
    ).toEqual({
      kind: "closing",
    });
  });

  it("issues a due curveball before answering a question (the reply answers it as well)", () => {
    const got = action({
      elapsedSeconds: minutes(20),
      messages: withCandidate(19.5, "How many users are there again?"),
      diagram: board(["Client"], ["Client", "API"]),
    });
    expect(got).toMatchObject({ kind: "curveball", curveball: { key: "viral-launch" } });
  });

  it("answers clarifying questions with the fact sheet", () => {
    const got = action({
      elapsedSeconds: minutes(2),
      messages: withCandidate(1.5, "How many users do we expect, and what's the latency target?"),
    });
    expect(got.kind).toBe("answer-facts");
    if (got.kind !== "answer-facts") return;
    expect(got.facts.map((f) => f.topic)).toEqual(["users", "latency"]);
    expect(got.facts[0]!.answer).toContain("20M daily active users");
    // still clarifying in the first phase: no probe thrown on top
    expect(got.followUp).toBeNull();
  });

  it("follows an answer with a probe for the current phase after the first phase", () => {
    const got = action({
      elapsedSeconds: minutes(13),
      messages: withCandidate(12.5, "What's the retention policy for chats?"),
    });
    expect(got.kind).toBe("answer-facts");
    if (got.kind !== "answer-facts") return;
    expect(got.facts.map((f) => f.topic)).toEqual(["retention"]);
    expect(got.followUp?.probeKey).toBe("conversation-state"); // data phase → data-context
  });

  it("answers questions before reacting to the board", () => {
    const got = action({
      elapsedSeconds: minutes(8),
      messages: withCandidate(7.5, "What's the GPU budget?"),
      diagram: board([], ["Client", "Gateway"]),
    });
    expect(got.kind).toBe("answer-facts");
  });

  it("reacts to components added since the interviewer last spoke, naming them and picking a related probe", () => {
    const got = action({
      elapsedSeconds: minutes(14),
      messages: withCandidate(13.5, "Here is the serving layer."),
      diagram: board(["Client", "API"], ["Client", "API", "LLM Serving"]),
    });
    expect(got).toMatchObject({ kind: "react-to-diagram", added: ["LLM Serving"], probeKey: "batching-scheduling" });
  });

  it("asks a component-specific question when no probe relates to the addition", () => {
    const got = action({
      elapsedSeconds: minutes(14),
      messages: withCandidate(13.5, "Adding retrieval."),
      diagram: board(["Client"], ["Client", "Vector DB"]),
    });
    expect(got).toEqual({
      kind: "react-to-diagram",
      added: ["Vector DB"],
      question: "How are the embeddings in it refreshed when the source documents change?",
      probeKey: null,
    });
  });

  it("does not react when the board is unchanged", () => {
    const got = action({
      elapsedSeconds: minutes(14),
      messages: withCandidate(13.5, "Continuing."),
      diagram: board(["Client", "API"], ["Client", "API"]),
    });
    expect(got.kind).toBe("probe");
  });

  it("asks the open probe that suits the current phase", () => {
    const at = (minute: number) =>
      action({
        prompt: noCurveballDue,
        elapsedSeconds: minutes(minute),
        messages: withCandidate(minute - 0.5, "Okay."),
      });
    expect(at(3)).toMatchObject({ kind: "probe", probeKey: "scope-and-requirements" });
    expect(at(14)).toMatchObject({ kind: "probe", probeKey: "conversation-state" }); // data → data-context
    const evaluation = at(27); // evaluation phase, 24–31
    expect(evaluation).toMatchObject({ kind: "probe", probeKey: "evaluation-launch" });
    const architecture = at(35); // system architecture, 31–40
    expect(architecture.kind).toBe("probe");
    if (architecture.kind === "probe") expect(probeDimension(architecture.probeKey)).toBe("architecture");
  });

  it("skips probes the candidate covered or the interviewer already raised", () => {
    const messages = transcript(
      ["interviewer", 0, "Welcome."],
      ["candidate", 1, "Scope: v1 is text chat only; out of scope are voice and images."],
      ["interviewer", 2, "Given 4,000 GPUs, does this even fit? Walk me from users to nodes."],
      ["candidate", 2.5, "Let me think about that."],
    );
    const got = action({ elapsedSeconds: minutes(3), messages });
    // both early probes are closed: the framework's key questions for the phase come next
    expect(got).toEqual({
      kind: "framework-question",
      stepKey: "requirements",
      question: frameworkNamed("seven-step").steps[0]!.keyQuestions[0],
    });
  });

  it("moves through the framework's key questions once asked", () => {
    const step = frameworkNamed("seven-step").steps[0]!;
    const messages = transcript(
      ["interviewer", 0, "Welcome."],
      ["candidate", 1, "Scope: v1 is text chat; out of scope is voice. Back of the envelope next."],
      ["interviewer", 2, step.keyQuestions[0]!],
      ["candidate", 2.5, "It's text."],
    );
    expect(action({ elapsedSeconds: minutes(3), messages })).toMatchObject({
      kind: "framework-question",
      question: step.keyQuestions[1],
    });
  });

  it("asks for the wrap-up in the final minutes, once", () => {
    const got = action({ elapsedSeconds: minutes(41), messages: withCandidate(40.5, "Okay.") });
    expect(got).toEqual({ kind: "wrap-up", question: WRAP_UP_QUESTIONS[0] });
    const after = transcript(
      ["interviewer", 0, "Welcome."],
      ["interviewer", 41, WRAP_UP_QUESTIONS[0]],
      ["candidate", 42, "Summary: gateway, pool, cache."],
    );
    expect(action({ elapsedSeconds: minutes(42.5), messages: after }).kind).not.toBe("wrap-up");
  });

  it("wraps up when every probe and key question is used", () => {
    const framework = frameworkNamed("seven-step");
    const everything = [...chatgpt.probes.map((p) => p.question), ...framework.steps.flatMap((s) => s.keyQuestions)];
    const messages = [
      ...transcript(...everything.map((q, i): ["interviewer", number, string] => ["interviewer", i * 0.1, q])),
      ...transcript(["candidate", 20, "Okay."]).map((m) => ({ ...m, seq: everything.length + 1 })),
    ];
    expect(action({ prompt: noCurveballDue, elapsedSeconds: minutes(20.5), messages }).kind).toBe("wrap-up");
  });

  it("reports the board delta since the interviewer last spoke, or null", () => {
    const plan = planTurn(
      makeState({
        elapsedSeconds: minutes(10),
        messages: withCandidate(9, "Drawing."),
        diagram: board(["Client"], ["Client", "Vector DB"]),
      }),
    );
    expect(plan.diagramDelta).toContain("Added: Vector DB");
    expect(planTurn(makeState({ diagram: board(["Client"], ["Client"]) })).diagramDelta).toBeNull();
    expect(planTurn(makeState()).diagramDelta).toBeNull();
  });

  it("fills the plan's clock and ledger", () => {
    const plan = planTurn(makeState({ elapsedSeconds: minutes(12), messages: withCandidate(11, "How many users?") }));
    expect(plan.remainingSeconds).toBe(minutes(33));
    expect(plan.currentPhase.key).toBe("data");
    expect(plan.phases).toHaveLength(7);
    expect(plan.ledger.factsAsked).toEqual(["users"]);
  });
});

describe("dimensionsForPhase", () => {
  const phaseOf = (framework: string, key: string) => {
    const clock = readClock({ framework: frameworkNamed(framework), durationMinutes: 45, elapsedSeconds: 0 });
    const phase = clock.phases.find((p) => p.key === key);
    if (!phase) throw new Error(key);
    return phase;
  };

  it("maps early phases to framing and estimation, middle ones to design, later ones to quality and operations", () => {
    expect(dimensionsForPhase(phaseOf("five-step-timed", "problem-framing"), 45)[0]).toBe("problem-framing");
    expect(dimensionsForPhase(phaseOf("nine-step", "estimation"), 45)[0]).toBe("estimation");
    expect(dimensionsForPhase(phaseOf("five-step-timed", "high-level-architecture"), 45)[0]).toBe("architecture");
    expect(dimensionsForPhase(phaseOf("nine-step", "rag-deep-dive"), 45)[0]).toBe("data-context");
    expect(dimensionsForPhase(phaseOf("seven-step", "evaluation"), 45)[0]).toBe("evaluation");
    expect(dimensionsForPhase(phaseOf("nine-step", "security-compliance-abuse"), 45)).toEqual(["safety-privacy"]);
    expect(dimensionsForPhase(phaseOf("five-step-timed", "trade-offs"), 45)[0]).toBe("reliability");
  });

  it("falls back to the phase's position in the interview for unknown titles", () => {
    const phase = (startMinute: number) => ({ key: "x", title: "Whatever", startMinute, minutes: 5 });
    expect(dimensionsForPhase(phase(0), 45)[0]).toBe("problem-framing");
    expect(dimensionsForPhase(phase(20), 45)[0]).toBe("architecture");
    expect(dimensionsForPhase(phase(35), 45)[0]).toBe("evaluation");
  });
});

describe("generic follow-ups", () => {
  it("are asked, once each, only after the prompt's own probes and the framework's questions run out", async () => {
    const plain = makeState({ elapsedSeconds: 20 * 60 });
    const base = { ...plain, curveballsIssued: plain.prompt.curveballs.map((c) => ({ key: c.key, atSeconds: 0 })) };
    const followUps = [
      { key: "scalability/q1", question: "What breaks first at 10x traffic?", dimension: "reliability" },
    ];
    // every probe and framework question already asked by the interviewer
    const asked = [
      ...base.prompt.probes.map((p) => p.question),
      ...base.framework.steps.flatMap((s) => s.keyQuestions),
    ];
    const messages = asked.map((content, i) => ({
      seq: i + 2,
      role: "interviewer" as const,
      kind: "chat" as const,
      content,
      atSeconds: 60 + i,
      phase: null,
    }));
    const exhausted = {
      ...base,
      followUps,
      messages: [
        ...messages,
        {
          seq: 999,
          role: "candidate" as const,
          kind: "chat" as const,
          content: "Okay, next.",
          atSeconds: 1190,
          phase: null,
        },
      ],
    };
    expect(planTurn(exhausted).action).toEqual(
      expect.objectContaining({ question: "What breaks first at 10x traffic?" }),
    );
    const afterAsking = {
      ...exhausted,
      messages: [
        ...exhausted.messages,
        {
          seq: 1000,
          role: "interviewer" as const,
          kind: "chat" as const,
          content: "What breaks first at 10x traffic?",
          atSeconds: 1195,
          phase: null,
        },
        {
          seq: 1001,
          role: "candidate" as const,
          kind: "chat" as const,
          content: "The GPUs.",
          atSeconds: 1198,
          phase: null,
        },
      ],
    };
    expect(planTurn(afterAsking).action).not.toEqual(
      expect.objectContaining({ question: "What breaks first at 10x traffic?" }),
    );
    expect(planTurn({ ...base, followUps }).action).not.toEqual(
      expect.objectContaining({ question: "What breaks first at 10x traffic?" }),
    );
  });
});
