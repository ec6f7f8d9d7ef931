import { describe, expect, it } from "vitest";
import { computeFindings } from "@/lib/scoring/findings";
import type { ScoringInput } from "@/lib/scoring/types";
import { candidateSays, graph, makeInput, type Turn } from "./helpers";

const flagsOf = (input: ScoringInput) => computeFindings(input).redFlags;
const keysOf = (input: ScoringInput) => flagsOf(input).map((f) => f.key);

/** A candidate who asks first and covers a little of everything, so only the flag under test can fire. */
const BALANCED = [
  "Before I design anything, how many daily active users do we have and what is the latency target?",
  "I'll assume 20M users × 12 messages = 240M messages a day. We'd use RAG with a vector database, streaming replies, and a semantic cache.",
  "The trade-off is cost versus quality; instead of one big model we route. We'd evaluate on a golden set, add guardrails against prompt injection, and a fallback provider with retries.",
];

describe("red flags", () => {
  it("raises nothing for a balanced answer", () => {
    expect(keysOf(makeInput(candidateSays(...BALANCED)))).toEqual([]);
  });

  describe("absence flags", () => {
    const silentOn = (...texts: string[]) => keysOf(makeInput(candidateSays(...texts)));

    it("no-evaluation-plan, no-failure-modes, ignores-safety, ignores-cost-latency, no-trade-offs and no-numbers", () => {
      const keys = silentOn(
        "I'd build a chat service.",
        "It has a frontend and a backend.",
        "The backend calls our model.",
      );
      expect(keys).toEqual(
        expect.arrayContaining([
          "no-evaluation-plan",
          "ignores-safety",
          "ignores-cost-latency",
          "no-failure-modes",
          "no-trade-offs",
          "no-numbers",
        ]),
      );
      const flag = flagsOf(makeInput(candidateSays("a", "b", "c"))).find((f) => f.key === "no-evaluation-plan");
      expect(flag).toMatchObject({
        title: "No evaluation or monitoring plan",
        dimension: "evaluation",
        messageIds: [],
      });
    });

    it("does not fire on a session too short for absence to mean anything", () => {
      expect(silentOn("I'd build a chat service.", "It calls a model.")).toEqual([]);
    });

    it("lets the board speak: an eval node, a guardrail in the flow, a cache", () => {
      const input = makeInput(
        candidateSays("I'd build a chat service.", "It has a frontend and a backend.", "The backend calls our model."),
        {
          snapshots: [
            {
              seq: 1,
              atSeconds: 100,
              graph: graph({
                nodes: [
                  ["n1", "Client"],
                  ["n2", "Moderation"],
                  ["n3", "LLM"],
                  ["n4", "Eval dashboard"],
                  ["n5", "Response cache"],
                ],
                edges: [
                  ["n1", "n2"],
                  ["n2", "n3"],
                  ["n3", "n4"],
                  ["n3", "n5"],
                ],
              }),
            },
          ],
        },
      );
      const keys = keysOf(input);
      expect(keys).not.toContain("no-evaluation-plan");
      expect(keys).not.toContain("ignores-safety");
      expect(keys).not.toContain("ignores-cost-latency");
      expect(keys).toContain("no-failure-modes");
    });

    it("any single signal of the dimension is enough to clear it", () => {
      expect(silentOn(...BALANCED.slice(0, 2), "We would run an A/B test.")).not.toContain("no-evaluation-plan");
      expect(silentOn(...BALANCED.slice(0, 2), "PII gets redacted.")).not.toContain("ignores-safety");
      expect(silentOn(...BALANCED.slice(0, 2), "Timeouts at 30 seconds.")).not.toContain("no-failure-modes");
      expect(silentOn("What users?", "About twenty of them.", "Fine.")).toContain("no-numbers");
      expect(silentOn("What users?", "About 20M of them.", "Fine.")).not.toContain("no-numbers");
    });
  });

  describe("fine-tuning-first", () => {
    it("fires when fine-tuning comes before prompting or retrieval, citing the turn", () => {
      const input = makeInput(
        candidateSays(
          "How many users are there?",
          "We fine-tune Llama on the company's documents so it knows them.",
          "Later we could add retrieval.",
        ),
      );
      expect(flagsOf(input).find((f) => f.key === "fine-tuning-first")).toMatchObject({
        dimension: "data-context",
        messageIds: ["m2"],
        detail: "Fine-tuning was proposed before prompting, retrieval or tools were considered.",
      });
    });

    it("fires when prompting and retrieval never come up", () => {
      expect(
        keysOf(makeInput(candidateSays("Which users?", "We'd train a custom model on all our tickets.", "Done."))),
      ).toContain("fine-tuning-first");
    });

    it("does not fire when retrieval comes first or fine-tuning is deferred or rejected", () => {
      expect(
        keysOf(makeInput(candidateSays("Which users?", "RAG over the docs first.", "Then fine-tune for tone."))),
      ).not.toContain("fine-tuning-first");
      expect(
        keysOf(makeInput(candidateSays("Which users?", "We would not fine-tune first; prompting gets us far.", "OK."))),
      ).not.toContain("fine-tuning-first");
      expect(
        keysOf(makeInput(candidateSays("Which users?", "Fine-tuning only later, if prompting plateaus.", "OK."))),
      ).not.toContain("fine-tuning-first");
    });
  });

  describe("llm-as-source-of-truth", () => {
    it("fires on 'the model knows' with no grounding anywhere", () => {
      const input = makeInput(
        candidateSays(
          "Who are the users?",
          "The model already knows our product catalogue, so it just answers.",
          "Done.",
        ),
      );
      expect(flagsOf(input).find((f) => f.key === "llm-as-source-of-truth")).toMatchObject({ messageIds: ["m2"] });
    });

    it("does not fire with retrieval, or when the model is said not to know", () => {
      expect(
        keysOf(
          makeInput(
            candidateSays(
              "Who are the users?",
              "The LLM will know general facts, and we retrieve product data from search.",
              "Done.",
            ),
          ),
        ),
      ).not.toContain("llm-as-source-of-truth");
      expect(
        keysOf(makeInput(candidateSays("Who are the users?", "The model doesn't know our prices.", "Done."))),
      ).not.toContain("llm-as-source-of-truth");
    });
  });

  describe("jumps-to-solution", () => {
    it("fires when components come before the first question", () => {
      const input = makeInput(
        candidateSays("I'd use GPT-4 with a vector database and Redis.", "How many users?", "OK."),
      );
      expect(flagsOf(input).find((f) => f.key === "jumps-to-solution")).toMatchObject({
        dimension: "problem-framing",
        messageIds: ["m1"],
        detail: "Components were proposed before any clarifying question was asked.",
      });
    });

    it("fires within one turn when the proposal precedes the question", () => {
      expect(keysOf(makeInput(candidateSays("We'll use Kafka and GPT-4. How many users?", "OK.", "Fine.")))).toContain(
        "jumps-to-solution",
      );
    });

    it("does not fire when the candidate asks first", () => {
      expect(
        keysOf(makeInput(candidateSays("How many users, and what latency? Then I'd use GPT-4.", "OK.", "Fine."))),
      ).not.toContain("jumps-to-solution");
    });
  });

  it("unscoped-tool-access: agents with tools and no limits", () => {
    const loose = makeInput(
      candidateSays("What can the agent do?", "The agent uses tool calling to send emails and issue refunds.", "Done."),
    );
    expect(keysOf(loose)).toContain("unscoped-tool-access");
    const scoped = makeInput(
      candidateSays(
        "What can the agent do?",
        "The agent uses tool calling with an allowlist, and refunds need human approval.",
        "Done.",
      ),
    );
    expect(keysOf(scoped)).not.toContain("unscoped-tool-access");
  });

  describe("rigid-under-change", () => {
    const withCurveball = (
      response: string,
      after = graph({
        nodes: [
          ["n1", "Client"],
          ["n2", "LLM"],
        ],
        edges: [["n1", "n2"]],
      }),
    ) => {
      const turns: Turn[] = [
        ...candidateSays(...BALANCED),
        ["interviewer", 600, "The US region goes dark at peak.", "curveball"],
        ["candidate", 660, response],
      ];
      return makeInput(turns, {
        curveballs: [{ key: "region-outage", atSeconds: 600, messageId: "m4", snapshotSeq: 1 }],
        snapshots: [
          {
            seq: 1,
            atSeconds: 300,
            graph: graph({
              nodes: [
                ["n1", "Client"],
                ["n2", "LLM"],
              ],
              edges: [["n1", "n2"]],
            }),
          },
          { seq: 2, atSeconds: 700, graph: after },
        ],
      });
    };

    it("fires when the response changes nothing", () => {
      expect(
        flagsOf(withCurveball("We'd just scale up and it should be fine.")).find((f) => f.key === "rigid-under-change"),
      ).toMatchObject({
        dimension: "adaptation",
        messageIds: ["m5"],
      });
    });

    it("does not fire when the board changes or the response adapts", () => {
      const changed = graph({
        nodes: [
          ["n1", "Client"],
          ["n2", "LLM"],
          ["n3", "Admission control"],
        ],
        edges: [
          ["n1", "n3"],
          ["n3", "n2"],
        ],
      });
      expect(keysOf(withCurveball("We'd just scale up.", changed))).not.toContain("rigid-under-change");
      expect(
        keysOf(
          withCurveball(
            "In-flight streams fail, so clients reconnect; we fail over to other regions with admission control and route free-tier load to the small model.",
          ),
        ),
      ).not.toContain("rigid-under-change");
    });
  });

  it("only raises flags the rubric defines", () => {
    const input = makeInput(candidateSays("a", "b", "c"));
    const rubric = { ...input.rubric, redFlags: input.rubric.redFlags.filter((f) => f.key !== "no-numbers") };
    expect(keysOf({ ...input, rubric })).not.toContain("no-numbers");
  });
});
