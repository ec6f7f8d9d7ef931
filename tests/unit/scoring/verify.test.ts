// Evidence verification: only verbatim quotes from candidate turns and ids on the final board survive.
import { describe, expect, it } from "vitest";
import type { DiagramGraph } from "@/lib/diagram";
import type { JudgeEvidence } from "@/lib/scoring/judge-output";
import type { ScoringMessage } from "@/lib/scoring/types";
import { MIN_QUOTE_CHARS, normalizeForMatch, verifyEvidence } from "@/lib/scoring/verify";
import { boardOf } from "@/tests/unit/interview/helpers";

const turn = (id: string, role: ScoringMessage["role"], content: string): ScoringMessage => ({
  id,
  seq: Number(id.replace(/\D/g, "")),
  role,
  kind: "chat",
  content,
  atSeconds: 0,
});

const input = {
  messages: [
    turn("c1", "candidate", "I’d cache   embeddings in Redis,\nkeyed by the document hash."),
    turn("i2", "interviewer", "Have you considered a semantic cache for repeated questions?"),
    turn("c3", "candidate", "We route easy prompts to a small model and hard ones to the frontier model."),
    turn("c4", "candidate", "Then a reranker trims the context to 8K tokens."),
    turn("c5", "candidate", "ﬁne-tune only after RAG fails on the golden set\u200b of 500 cases."),
  ],
};

const board: DiagramGraph = {
  ...boardOf("API Gateway", "Vector DB"),
  notes: [
    {
      id: "t1",
      text: "p95 first token < 800 ms",
      zone: null,
      box: { minX: 0, minY: 0, maxX: 1, maxY: 1 },
      elementIds: ["note"],
    },
  ],
  zones: [
    {
      id: "z1",
      label: "VPC",
      kind: "frame",
      parent: null,
      nodeIds: ["n1", "n2"],
      box: { minX: 0, minY: 0, maxX: 9, maxY: 9 },
      elementIds: ["frame"],
      labelElementIds: [],
    },
  ],
};

const quote = (messageId: string, text: string): JudgeEvidence => ({ kind: "quote", messageId, quote: text });
const node = (nodeId: string): JudgeEvidence => ({ kind: "node", nodeId });
const verify = (...evidence: JudgeEvidence[]) => verifyEvidence(evidence, input, board);

describe("verifyEvidence — quotes", () => {
  it("keeps a verbatim quote from a candidate turn", () => {
    expect(verify(quote("c3", "route easy prompts to a small model"))).toEqual({
      kept: [{ kind: "quote", messageId: "c3", quote: "route easy prompts to a small model" }],
      dropped: 0,
    });
  });

  it("tolerates whitespace, letter case, curly quotes and wrapping quotation marks, and returns the turn's exact text", () => {
    const { kept, dropped } = verify(quote("c1", `"…i'd CACHE embeddings in redis, keyed by the document hash…"`));
    expect(dropped).toBe(0);
    expect(kept).toEqual([
      { kind: "quote", messageId: "c1", quote: "I’d cache   embeddings in Redis,\nkeyed by the document hash" },
    ]);
  });

  it("folds compatibility forms and ignores invisible characters in the turn", () => {
    const { kept } = verify(quote("c5", "fine-tune only after RAG fails on the golden set of 500"));
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ quote: "ﬁne-tune only after RAG fails on the golden set\u200b of 500" });
  });

  it("drops a quote from an interviewer turn, even one the candidate later agreed with", () => {
    expect(verify(quote("i2", "a semantic cache for repeated questions"))).toEqual({ kept: [], dropped: 1 });
  });

  it("drops a quote cited with the wrong candidate turn's id", () => {
    expect(verify(quote("c1", "route easy prompts to a small model")).dropped).toBe(1);
  });

  it("drops a quote spanning two turns", () => {
    const spanning = "hard ones to the frontier model. Then a reranker trims the context";
    expect(verify(quote("c3", spanning)).dropped).toBe(1);
    expect(verify(quote("c4", spanning)).dropped).toBe(1);
  });

  it("drops quotes with an invented message id", () => {
    expect(verify(quote("m99", "route easy prompts to a small model"), quote("", "route easy prompts")).dropped).toBe(
      2,
    );
  });

  it("drops paraphrases, additions and quotes glued across an ellipsis", () => {
    const { dropped } = verify(
      quote("c3", "route simple prompts to a small model"),
      quote("c3", "route easy prompts to a small, cheap model"),
      quote("c3", "route easy prompts … to the frontier model"),
    );
    expect(dropped).toBe(3);
  });

  it("drops one-word and very short quotes", () => {
    expect(MIN_QUOTE_CHARS).toBeGreaterThanOrEqual(10);
    const { dropped } = verify(
      quote("c4", "reranker"),
      quote("c4", "a reranker"),
      quote("c1", "Redis"),
      quote("c4", "   "),
    );
    expect(dropped).toBe(4);
    // Long enough but one word: still not evidence of anything.
    expect(
      verifyEvidence(
        [quote("x", "embeddings-in-redis")],
        { messages: [turn("x", "candidate", "embeddings-in-redis")] },
        null,
      ).dropped,
    ).toBe(1);
  });

  it("drops quotes with look-alike letters from other scripts (not verbatim)", () => {
    // Cyrillic а (U+0430) and е (U+0435) in place of Latin a and e.
    const { dropped } = verify(quote("c3", "route \u0435asy prompts to \u0430 small model"));
    expect(dropped).toBe(1);
  });

  it("keeps a quote typed with look-alikes when the candidate typed them too", () => {
    const spoofed = { messages: [turn("c9", "candidate", "We use p\u0430ged attention in vLLM for the KV cache.")] };
    expect(verifyEvidence([quote("c9", "p\u0430ged attention in vLLM")], spoofed, null).kept).toHaveLength(1);
    expect(verifyEvidence([quote("c9", "paged attention in vLLM")], spoofed, null).dropped).toBe(1);
  });

  it("merges duplicate quotes without counting them as dropped", () => {
    const { kept, dropped } = verify(
      quote("c3", "route easy prompts to a small model"),
      quote("c3", "Route easy prompts to a small model"),
    );
    expect(kept).toHaveLength(1);
    expect(dropped).toBe(0);
  });
});

describe("verifyEvidence — board ids", () => {
  it("keeps node, note and zone ids on the final board and fills in their labels", () => {
    expect(verify(node("n2"), node("t1"), node("z1"))).toEqual({
      kept: [
        { kind: "node", nodeId: "n2", label: "Vector DB" },
        { kind: "node", nodeId: "t1", label: "p95 first token < 800 ms" },
        { kind: "node", nodeId: "z1", label: "VPC" },
      ],
      dropped: 0,
    });
  });

  it("drops invented ids, edge ids and any id when nothing was drawn", () => {
    expect(verify(node("n7"), node("e1"), node("N1"), node("n1; n2")).dropped).toBe(4);
    expect(verifyEvidence([node("n1")], input, null)).toEqual({ kept: [], dropped: 1 });
  });
});

describe("normalizeForMatch", () => {
  it("unifies quotes, dashes, width and whitespace but not scripts", () => {
    expect(normalizeForMatch("  It’s a “p95” — ＬＬＭ\u00a0gateway\t ")).toBe(`it's a "p95" - llm gateway`);
    expect(normalizeForMatch("\u0430")).not.toBe(normalizeForMatch("a"));
  });
});
