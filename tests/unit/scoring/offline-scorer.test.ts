import { describe, expect, it } from "vitest";
import { computeFindings, finalGraph } from "@/lib/scoring/findings";
import { scoreOffline } from "@/lib/scoring/offline-scorer";
import { verifyEvidence } from "@/lib/scoring/verify";
import type { DimensionResult, ScoringInput } from "@/lib/scoring/types";
import { strongChatgpt } from "../../fixtures/transcripts/design-chatgpt-strong";
import { weakChatgpt } from "../../fixtures/transcripts/design-chatgpt-weak";
import { candidateSays, fromFixture, graph, makeInput } from "./helpers";

const byKey = (results: DimensionResult[], key: string) => {
  const found = results.find((d) => d.key === key);
  if (!found) throw new Error(`no dimension ${key}`);
  return found;
};

/** Every quote is verbatim from a candidate turn (≤ ~120 chars), every node id is on the final board. */
function expectVerifiableEvidence(input: ScoringInput, results: DimensionResult[]) {
  const candidate = new Map(input.messages.filter((m) => m.role === "candidate").map((m) => [m.id, m.content]));
  const nodes = new Map((finalGraph(input)?.nodes ?? []).map((n) => [n.id, n.label]));
  for (const result of results) {
    for (const e of result.evidence) {
      if (e.kind === "quote") {
        expect(candidate.get(e.messageId), `${result.key}: ${e.quote}`).toContain(e.quote);
        expect(e.quote.length).toBeLessThanOrEqual(120);
        expect(e.quote.length).toBeGreaterThan(0);
      } else if (e.kind === "node") {
        expect(nodes.get(e.nodeId), `${result.key}: ${e.nodeId}`).toBe(e.label);
      } else {
        expect(e.detail.length).toBeGreaterThan(0);
      }
    }
  }
}

describe("offline scorer", () => {
  it("scores every rubric dimension, in order, as offline with nothing dropped", () => {
    const input = fromFixture(strongChatgpt);
    const results = scoreOffline(input);
    expect(results.map((r) => r.key)).toEqual(input.rubric.dimensions.map((d) => d.key));
    expect(results.map((r) => r.weight)).toEqual(input.rubric.dimensions.map((d) => d.weight));
    expect(results.every((r) => r.source === "offline" && r.droppedEvidence === 0)).toBe(true);
  });

  it("does not assess an interview where too little was said", () => {
    const results = scoreOffline(
      makeInput(candidateSays("Hi!", "I'd use GPT-4 with RAG, a golden set and guardrails.")),
    );
    expect(results.every((r) => r.level === null)).toBe(true);
    expect(results[0]!.rationale).toBe(
      "Not assessable: too little was said (2 candidate turns; at least 3 are needed).",
    );
  });

  it("does not assess adaptation when no curveball was issued", () => {
    const adaptation = byKey(scoreOffline(makeInput(candidateSays("a", "b", "c"))), "adaptation");
    expect(adaptation.level).toBeNull();
    expect(adaptation.rationale).toMatch(/no constraint change/);
  });

  it("bases the level on the share of signals heard and says which were and were not", () => {
    const none = byKey(scoreOffline(makeInput(candidateSays("a", "b", "c"))), "evaluation");
    expect(none.level).toBe(1);
    const one = byKey(scoreOffline(makeInput(candidateSays("We'd keep a golden set.", "b", "c"))), "evaluation");
    expect(one.level).toBe(2);
    expect(one.rationale).toMatch(
      /^Heard 1 of 11 signals: golden or evaluation set\. Not heard: LLM-as-judge, human evaluation/,
    );
    const some = byKey(
      scoreOffline(
        makeInput(candidateSays("A golden set scored by an LLM judge.", "Human review on a sample.", "Then a canary.")),
      ),
      "evaluation",
    );
    expect(some.level).toBe(3);
    expect(some.evidence).toContainEqual({
      kind: "quote",
      messageId: "m1",
      quote: "A golden set scored by an LLM judge.",
    });
  });

  it("caps a dimension at 2 when it has a red flag", () => {
    const input = makeInput(
      candidateSays(
        "I'd use GPT-4 with a vector database. What are the use cases, the latency target, the success metric and how many daily active users?",
        "I'll assume multi-turn chat, data sensitivity is high, and the MVP leaves images out of scope.",
        "A wrong answer costs trust, so hallucination tolerance is low.",
      ),
    );
    const framing = byKey(scoreOffline(input), "problem-framing");
    expect(computeFindings(input).redFlags.map((f) => f.key)).toContain("jumps-to-solution");
    expect(framing.level).toBe(2);
    expect(framing.rationale).toContain('Capped at 2: red flag "Jumps into the solution without clarifying"');
    expect(framing.evidence).toContainEqual(
      expect.objectContaining({ kind: "finding", findingKey: "redFlag.jumps-to-solution" }),
    );
  });

  describe("estimation", () => {
    const say = (arithmetic: string) =>
      byKey(
        scoreOffline(
          makeInput(candidateSays("How many users? Tokens per request?", arithmetic, "Then the QPS at peak matters.")),
        ),
        "estimation",
      );

    it("earns a bonus for arithmetic that checks out", () => {
      const right = say(
        "100K users × 10 requests = 1M requests/day; 1M × 2K tokens = 2B tokens/day; 2B / 86,400 ≈ 23K tokens/s.",
      );
      expect(right.level).toBe(3);
      expect(right.rationale).toContain("+1: 3 of 3 arithmetic statements checked out.");
      expect(right.evidence).toContainEqual(expect.objectContaining({ kind: "finding", findingKey: "estimates" }));
    });

    it("is capped at 2 when most of the arithmetic is wrong", () => {
      const wrong = say("100K users × 10 requests = 10M requests/day; 10M × 2K tokens = 2B tokens/day.");
      expect(wrong.level).toBeLessThanOrEqual(2);
      expect(wrong.rationale).toMatch(/1 of 2 arithmetic statements checked out|most of the arithmetic was wrong/);
    });
  });

  it("credits the board: request path for architecture, guardrails for safety, a cache for cost", () => {
    const board = graph({
      nodes: [
        ["n1", "Client"],
        ["n2", "Gateway"],
        ["n3", "Moderation"],
        ["n4", "LLM"],
        ["n5", "Semantic cache"],
      ],
      edges: [
        ["n1", "n2"],
        ["n2", "n3"],
        ["n3", "n4"],
        ["n2", "n5", "<->"],
      ],
    });
    const turns = candidateSays(
      "How many users?",
      "An API gateway with rate limiting, then the model.",
      "Caching and moderation as drawn.",
    );
    const without = scoreOffline(makeInput(turns));
    const withBoard = scoreOffline(makeInput(turns, { snapshots: [{ seq: 1, atSeconds: 100, graph: board }] }));
    for (const key of ["architecture", "safety-privacy", "cost-latency"]) {
      expect(byKey(withBoard, key).level!, key).toBe(byKey(without, key).level! + 1);
    }
    expect(byKey(withBoard, "architecture").evidence).toContainEqual({ kind: "node", nodeId: "n1", label: "Client" });
    expect(byKey(without, "architecture").rationale).toMatch(/no diagram was drawn/);
  });

  describe("adaptation", () => {
    it("rewards a response that uses the expected adaptation, changes the board and names its moves", () => {
      const strong = scoreOffline(fromFixture(strongChatgpt));
      const adaptation = byKey(strong, "adaptation");
      expect(adaptation.level).toBe(4);
      expect(adaptation.rationale).toMatch(
        /After "The US region goes dark at peak" \(at 31:40\), 4 responding turns; used \d+ of \d+ terms/,
      );
      expect(adaptation.rationale).toContain("the board changed (Added: Admission control (n12)");
    });

    it("scores words without change at 1", () => {
      const adaptation = byKey(scoreOffline(fromFixture(weakChatgpt)), "adaptation");
      expect(adaptation.level).toBe(1);
      expect(adaptation.rationale).toContain("the board did not change");
    });
  });

  it("gives verifiable evidence: verbatim quotes from candidate turns and node ids on the final board", () => {
    for (const fixture of [strongChatgpt, weakChatgpt]) {
      const input = fromFixture(fixture);
      const results = scoreOffline(input);
      expectVerifiableEvidence(input, results);
      // The same evidence passes the verifier the AI judge's citations go through.
      const cited = results.flatMap((r) => r.evidence.filter((e) => e.kind !== "finding"));
      expect(cited.length).toBeGreaterThan(0);
      expect(verifyEvidence(cited, input, finalGraph(input)).dropped).toBe(0);
    }
  });

  it("quotes enough context when the sentence with the signal is tiny", () => {
    const input = makeInput(candidateSays("We rerank. Top fifty chunks go to the prompt.", "b", "c"));
    const quote = byKey(scoreOffline(input), "data-context").evidence.find((e) => e.kind === "quote");
    expect(quote).toEqual({ kind: "quote", messageId: "m1", quote: "We rerank. Top fifty chunks go to the prompt." });
  });

  it("is deterministic", () => {
    const input = fromFixture(strongChatgpt);
    expect(scoreOffline(input)).toEqual(scoreOffline(structuredClone(input)));
  });
});
