// Pure helpers of the mock server, tested without HTTP.
import { describe, expect, it } from "vitest";
import { parseFault, parseFaultHeader } from "../../mock-llm/faults";
import { anthropicPromptBlocks, PromptCache } from "../../mock-llm/prompt-cache";
import { defaultReply, splitIntoChunks } from "../../mock-llm/text";
import type { MockReplyRequest } from "../../mock-llm/types";

describe("splitIntoChunks", () => {
  it.each(["Hello world.", "  leading space", "trailing  ", "one\nline two", "", "single"])(
    "splits %j into word chunks that join back to the original",
    (text) => {
      expect(splitIntoChunks(text).join("")).toBe(text);
    },
  );

  it("gives one chunk per word, with the following whitespace attached", () => {
    expect(splitIntoChunks("Use a queue here.")).toEqual(["Use ", "a ", "queue ", "here."]);
  });
});

describe("defaultReply", () => {
  const request = (overrides: Partial<MockReplyRequest>): MockReplyRequest => ({
    provider: "openai",
    model: "m",
    system: "",
    messages: [],
    body: {},
    responseKind: "text",
    toolName: null,
    ...overrides,
  });

  it("quotes the first 60 characters of the last user message and adds filler for streaming", () => {
    const long = "x".repeat(100);
    const reply = defaultReply(
      request({
        messages: [
          { role: "user", content: "first" },
          { role: "assistant", content: "answer" },
          { role: "user", content: long },
        ],
      }),
    );
    expect(reply.startsWith(`Mock interviewer reply to: ${"x".repeat(60)}. `)).toBe(true);
    expect(splitIntoChunks(reply).length).toBeGreaterThan(20);
  });

  it("is JSON when JSON or a tool call was requested", () => {
    expect(JSON.parse(defaultReply(request({ responseKind: "json" })))).toMatchObject({ message: expect.any(String) });
    expect(JSON.parse(defaultReply(request({ responseKind: "tool", toolName: "t" })))).toMatchObject({
      message: expect.any(String),
    });
  });
});

describe("fault parsing", () => {
  it("parses the header's JSON and shorthand forms, with defaults", () => {
    expect(parseFaultHeader('{"type":"cut","afterChunks":2}')).toEqual({ type: "cut", afterChunks: 2 });
    expect(parseFaultHeader("cut:5")).toEqual({ type: "cut", afterChunks: 5 });
    expect(parseFaultHeader("cut")).toEqual({ type: "cut", afterChunks: 3 });
    expect(parseFaultHeader("rate_limit:2")).toEqual({ type: "rate_limit", retryAfterSeconds: 2 });
    expect(parseFaultHeader("rate_limit")).toEqual({ type: "rate_limit", retryAfterSeconds: 1 });
    expect(parseFaultHeader("hang")).toEqual({ type: "hang" });
  });

  it("returns an error message for anything that is not a fault", () => {
    expect(parseFaultHeader("{nope")).toEqual(expect.stringContaining("not valid JSON"));
    expect(parseFault({ type: "explode" })).toEqual(expect.stringContaining("unknown fault type"));
    expect(parseFault("hang")).toEqual(expect.any(String));
  });
});

describe("PromptCache", () => {
  const ephemeral = { type: "ephemeral" };
  const blocks = (system: string, ...turns: Array<{ text: string; cached?: boolean }>) =>
    anthropicPromptBlocks(
      [{ type: "text", text: system, cache_control: ephemeral }],
      turns.map((turn, index) => ({
        role: index % 2 === 0 ? "user" : "assistant",
        content: [{ type: "text", text: turn.text, ...(turn.cached ? { cache_control: ephemeral } : {}) }],
      })),
    );

  it("reports nothing when no block is marked", () => {
    const cache = new PromptCache();
    expect(cache.measure(anthropicPromptBlocks("system", [{ role: "user", content: "hi" }]))).toEqual({
      cacheCreationTokens: 0,
      cacheReadTokens: 0,
    });
  });

  it("creates, then reads, the prefix up to the last marked block", () => {
    const cache = new PromptCache();
    const prompt = blocks("s".repeat(40), { text: "u".repeat(39), cached: true }, { text: "tail" });
    // Prefix "s"*40 + "\n" + "u"*39 = 80 chars = 20 tokens; the unmarked tail is never cached.
    expect(cache.measure(prompt)).toEqual({ cacheCreationTokens: 20, cacheReadTokens: 0 });
    expect(cache.measure(prompt)).toEqual({ cacheCreationTokens: 0, cacheReadTokens: 20 });
  });

  it("ignores cache_control itself when matching prefixes", () => {
    const cache = new PromptCache();
    cache.measure(blocks("s".repeat(40), { text: "u".repeat(39), cached: true }));
    const moved = blocks("s".repeat(40), { text: "u".repeat(39) }, { text: "a".repeat(39), cached: true });
    expect(cache.measure(moved)).toEqual({ cacheReadTokens: 20, cacheCreationTokens: 10 });
  });

  it("treats string content like a single text block", () => {
    const cache = new PromptCache();
    cache.measure(
      anthropicPromptBlocks("", [
        { role: "user", content: [{ type: "text", text: "abcd", cache_control: ephemeral }] },
      ]),
    );
    const asString = anthropicPromptBlocks("", [
      { role: "user", content: "abcd" },
      { role: "assistant", content: [{ type: "text", text: "efg", cache_control: ephemeral }] },
    ]);
    expect(cache.measure(asString).cacheReadTokens).toBe(1);
  });
});
