import { describe, expect, it } from "vitest";
import { planPhases } from "@/lib/interview/phases";
import { computeCurveballs, computeFindings, computePhaseTime, elapsedSeconds } from "@/lib/scoring/findings";
import { adaptationTerms, usesTerm } from "@/lib/scoring/signals";
import { content, graph, makeInput, type BoardSpec } from "./helpers";

const BEFORE: BoardSpec = {
  nodes: [
    ["n1", "Client"],
    ["n2", "Gateway"],
    ["n3", "LLM"],
  ],
  edges: [
    ["n1", "n2"],
    ["n2", "n3"],
  ],
};
const AFTER: BoardSpec = {
  nodes: [...BEFORE.nodes, ["n4", "Admission control"], ["n5", "Small model"]],
  edges: [
    ["n1", "n2"],
    ["n2", "n4"],
    ["n4", "n3"],
    ["n4", "n5"],
  ],
};

const OUTAGE_ANNOUNCEMENT = "At 6 pm Eastern the US region, 40% of our GPUs, loses power for four hours.";

describe("curveball findings", () => {
  const turns = [
    ["candidate", 100, "Client, gateway, LLM."],
    ["interviewer", 600, OUTAGE_ANNOUNCEMENT, "curveball"],
    [
      "candidate",
      660,
      "In-flight streams fail, so clients reconnect and see the partial reply with a retry. We fail over to the EU and Asia regions, with admission control shedding free-tier load first and routing it to the small model.",
    ],
    ["interviewer", 900, "Product now wants 1M-token uploads for paid users.", "curveball"],
    ["candidate", 960, "Then long-context requests go to a dedicated pool."],
  ] as const;

  const input = makeInput(
    turns.map((t) => [...t]),
    {
      curveballs: [
        { key: "region-outage", atSeconds: 600, messageId: "m2", snapshotSeq: 1 },
        { key: "million-token-context", atSeconds: 900, messageId: "m4", snapshotSeq: null },
      ],
      snapshots: [
        { seq: 1, atSeconds: 300, graph: graph(BEFORE) },
        { seq: 2, atSeconds: 800, graph: graph(AFTER) },
      ],
    },
  );

  it("compares the board at the curveball with the final board", () => {
    const [outage] = computeCurveballs(input);
    expect(outage).toMatchObject({
      key: "region-outage",
      title: "The US region goes dark at peak",
      atSeconds: 600,
      boardChanged: true,
    });
    expect(outage!.boardChange).toContain("Added: Admission control (n4), Small model (n5).");
    expect(outage!.boardChange).toContain("New edges:");
  });

  it("finds the board at the curveball by time when no snapshot was recorded", () => {
    const [, upload] = computeCurveballs(input);
    // The last save before 900 s is the final board itself: nothing changed after this curveball.
    expect(upload).toMatchObject({
      key: "million-token-context",
      boardChanged: false,
      boardChange: "No changes to the diagram.",
    });
  });

  it("takes the candidate turns up to the next curveball as the response", () => {
    const [outage, upload] = computeCurveballs(input);
    expect(outage!.responseMessageIds).toEqual(["m3"]);
    expect(upload!.responseMessageIds).toEqual(["m5"]);
  });

  it("records which words and phrases of the good adaptation the response used", () => {
    const [outage, upload] = computeCurveballs(input);
    expect(outage!.adaptationTermsUsed).toEqual(
      expect.arrayContaining([
        "in-flight",
        "streams",
        "reconnect",
        "partial",
        "retry",
        "admission control",
        "small model",
        "free-tier",
      ]),
    );
    expect(upload!.adaptationTermsUsed).toEqual(expect.arrayContaining(["long-context", "dedicated pool"]));
    expect(upload!.adaptationTermsUsed).not.toContain("kv cache");
  });

  it("treats a board drawn only after the curveball as a change from nothing", () => {
    const late = computeCurveballs({
      ...input,
      curveballs: [{ key: "region-outage", atSeconds: 600, messageId: "m2", snapshotSeq: null }],
      snapshots: [{ seq: 1, atSeconds: 700, graph: graph(AFTER) }],
    });
    expect(late[0]).toMatchObject({ boardChanged: true });
    expect(late[0]!.boardChange).toMatch(/^Added: Client \(n1\)/);
  });

  it("says so when there is no board at all", () => {
    const none = computeCurveballs({ ...input, snapshots: [] });
    expect(none[0]).toMatchObject({ boardChanged: false, boardChange: "No diagram was drawn." });
  });

  it("places a curveball with no announcing message by its time", () => {
    const [outage] = computeCurveballs({
      ...input,
      curveballs: [{ key: "region-outage", atSeconds: 600, messageId: null, snapshotSeq: null }],
    });
    expect(outage!.responseMessageIds).toEqual(["m3", "m5"]);
  });
});

describe("adaptation vocabulary", () => {
  it("keeps domain terms and phrases and drops stopwords and numbers", () => {
    const terms = adaptationTerms(
      "Does the arithmetic first: 2.5x traffic means ~7M tokens/s. Moves most free-tier traffic to the small model, adds prefix caching and a batch API for the region.",
    );
    expect(terms).toEqual(
      expect.arrayContaining([
        "arithmetic",
        "traffic",
        "free-tier",
        "small model",
        "prefix caching",
        "batch api",
        "region",
      ]),
    );
    for (const stop of ["does", "the", "first", "means", "moves", "most", "adds", "and", "for", "2.5x", "7m"])
      expect(terms).not.toContain(stop);
  });

  it("matches terms by stem and across small gaps", () => {
    expect(usesTerm("we'd route to a smaller model", "small model")).toBe(true);
    expect(usesTerm("caching the prefix", "cache")).toBe(true);
    expect(usesTerm("the free tier", "free-tier")).toBe(true);
    expect(usesTerm("a small, distilled model", "small model")).toBe(true);
    expect(usesTerm("small talk about the model", "small model")).toBe(false);
  });
});

describe("phase time", () => {
  it("compares the framework plan scaled to the duration with time attributed to each step", () => {
    const input = makeInput(
      [
        [
          "candidate",
          60,
          "How many users, how many generations per user per day, and what latency does the interaction need?",
        ],
        [
          "candidate",
          900,
          "For evaluation: a golden set, human raters with a rubric, and an A/B test as the release gate.",
        ],
        ["interviewer", 1800, "Time's up."],
      ],
      { durationMinutes: 30 },
    );
    const phases = computePhaseTime(input);
    const { framework } = content();
    expect(phases.map((p) => p.key)).toEqual(framework.steps.map((s) => s.key));
    expect(phases.map((p) => p.plannedMinutes)).toEqual(planPhases(framework.steps, 30).map((p) => p.minutes));
    expect(phases.reduce((sum, p) => sum + p.plannedMinutes, 0)).toBe(30);
    // The time up to each turn counts towards the step that turn is about (lib/interview/phase-tracking):
    // 0:00–1:00 requirements, 1:00–15:00 evaluation, and evaluation again until the last message at 30:00.
    expect(phases.find((p) => p.key === "requirements")?.actualMinutes).toBe(1);
    expect(phases.find((p) => p.key === "evaluation")?.actualMinutes).toBe(29);
    expect(elapsedSeconds(input)).toBe(1800);
  });

  it("uses the planned duration as elapsed time when nothing was said", () => {
    expect(elapsedSeconds(makeInput([], { durationMinutes: 45 }))).toBe(2700);
  });
});

describe("computeFindings", () => {
  it("counts the hints the interviewer gave", () => {
    const findings = computeFindings(
      makeInput([
        ["candidate", 10, "Hello."],
        ["interviewer", 20, "Think about who the users are.", "hint"],
        ["interviewer", 30, "Five minutes left.", "nudge"],
        ["interviewer", 40, "What about cost?", "hint"],
      ]),
    );
    expect(findings.hintsUsed).toBe(2);
  });

  it("is deterministic", () => {
    const input = makeInput([["candidate", 10, "100K users × 10 requests = 1M requests a day; we use a golden set."]], {
      snapshots: [{ seq: 1, atSeconds: 5, graph: graph(AFTER) }],
    });
    expect(computeFindings(input)).toEqual(computeFindings(structuredClone(input)));
  });
});
