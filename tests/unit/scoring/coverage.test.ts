import { describe, expect, it } from "vitest";
import { computeCoverage, signalOccurrences } from "@/lib/scoring/signals";
import { findTerms, quoteAround } from "@/lib/scoring/text";
import { content, conversation } from "./helpers";

const terms = (text: string, list: string[]) => findTerms(text, list).map((m) => text.slice(m.start, m.end));

describe("term matching", () => {
  it("matches whole words only: rag is not in storage, ragged or rage", () => {
    expect(terms("We need durable storage, not ragged rage.", ["rag"])).toEqual([]);
    expect(terms("Then we use RAG over the docs.", ["rag"])).toEqual(["RAG"]);
    expect(terms("A drag-and-drop UI", ["rag"])).toEqual([]);
  });

  it("is case-insensitive and treats spaces and hyphens alike", () => {
    expect(terms("Put a KV-cache in front", ["kv cache"])).toEqual(["KV-cache"]);
    expect(terms("a Vector DB", ["vector db"])).toEqual(["Vector DB"]);
    expect(terms("the kvcache", ["kv cache"])).toEqual(["kvcache"]);
  });

  it("accepts endings on stems and plurals in both directions", () => {
    expect(terms("GPU pools autoscaling on queue depth", ["autoscal"])).toEqual(["autoscaling"]);
    expect(terms("PII anonymization before logging", ["anonymiz"])).toEqual(["anonymization"]);
    expect(terms("a cross-encoder reranker", ["rerank"])).toEqual(["reranker"]);
    expect(terms("the main use case", ["use cases"])).toEqual(["use case"]);
    expect(terms("eight H100s", ["h100"])).toEqual(["H100s"]);
  });

  it("does not stretch short terms: mvp finds mvps but pii does not find piicture", () => {
    expect(terms("two MVPs", ["mvp"])).toEqual(["MVPs"]);
    expect(terms("piicture", ["pii"])).toEqual([]);
  });

  it("reports offsets into the original text, even with typographic apostrophes", () => {
    const text = "Here’s the plan: I’ll assume 20M users.";
    const [match] = findTerms(text, ["i'll assume"]);
    expect(match && text.slice(match.start, match.end)).toBe("I’ll assume");
  });

  it("prefers the longest term at the same position", () => {
    expect(findTerms("kv cache memory per sequence", ["kv cache", "kv cache memory"]).map((m) => m.term)).toEqual([
      "kv cache memory",
    ]);
  });
});

describe("coverage", () => {
  const { rubric } = content();

  it("counts candidate turns only, not the interviewer's", () => {
    const messages = conversation([
      ["interviewer", 0, "Do you have a golden set and an LLM judge?"],
      ["candidate", 30, "We'd look at logs."],
    ]);
    const evaluation = computeCoverage(rubric, messages).find((c) => c.dimension === "evaluation")!;
    expect(evaluation.hit).toEqual([]);
    expect(evaluation.missed).toContain("golden-set");
  });

  it("lists every turn a signal was heard in, and the missed signal keys", () => {
    const messages = conversation([
      ["candidate", 10, "First a golden set of 500 conversations."],
      ["interviewer", 20, "Go on."],
      ["candidate", 30, "The golden set is refreshed weekly, and we run an A/B test before launch."],
    ]);
    const evaluation = computeCoverage(rubric, messages).find((c) => c.dimension === "evaluation")!;
    expect(evaluation.hit).toEqual([
      { signal: "golden-set", label: "Golden or evaluation set", messageIds: ["m1", "m3"] },
      { signal: "online-experiments", label: "A/B tests, canaries, shadow traffic", messageIds: ["m3"] },
    ]);
    expect(evaluation.missed).toHaveLength(rubric.dimensions.find((d) => d.key === "evaluation")!.signals.length - 2);
  });

  it("covers every rubric dimension, in rubric order", () => {
    const coverage = computeCoverage(rubric, []);
    expect(coverage.map((c) => c.dimension)).toEqual(rubric.dimensions.map((d) => d.key));
    expect(coverage.every((c) => c.hit.length === 0)).toBe(true);
  });

  it("gives offsets from which a verbatim quote can be cut", () => {
    const text =
      "To keep things safe we add input and output guardrails, and for retrieval we use hybrid search with BM25 plus dense vectors, then a cross-encoder to rerank the top fifty chunks before the prompt is built.";
    const messages = conversation([["candidate", 5, text]]);
    for (const o of signalOccurrences(rubric, messages)) {
      const quote = quoteAround(text, o.start, o.end);
      expect(text).toContain(quote);
      expect(quote.length).toBeLessThanOrEqual(120);
      expect(quote.toLowerCase()).toContain(text.slice(o.start, o.end).toLowerCase());
    }
  });
});
