// completeStructured (lib/llm/structured.ts) through the official SDKs against the mock server:
// how each provider is asked for JSON, validation, the one repair retry, fallback and recording.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { type MockLlmServer, startMockLlmServer } from "@/tests/mock-llm/server";
import { LlmError } from "@/lib/llm/errors";
import { createOfflineProvider } from "@/lib/llm/providers/offline";
import { createOpenAiCompatibleProvider } from "@/lib/llm/providers/openai-compatible";
import { completeStructured, StructuredOutputError, type StructuredSchema } from "@/lib/llm/structured";
import { anthropicAt, fakeSleep, openAiAt, recorder } from "@/tests/unit/llm/support";

let claude: MockLlmServer;
let gpt: MockLlmServer;

beforeAll(async () => {
  [claude, gpt] = await Promise.all([startMockLlmServer(), startMockLlmServer()]);
});
afterEach(() => {
  claude.reset();
  gpt.reset();
});
afterAll(() => Promise.all([claude.close(), gpt.close()]));

const verdictSchema = z.object({ reasons: z.array(z.string()), score: z.number().int().min(1).max(4) });
const VERDICT: StructuredSchema<z.infer<typeof verdictSchema>> = {
  name: "record_verdict",
  description: "Record the verdict.",
  jsonSchema: {
    type: "object",
    properties: { reasons: { type: "array", items: { type: "string" } }, score: { type: "integer" } },
    required: ["reasons", "score"],
    additionalProperties: false,
  },
  parse: (value) => verdictSchema.parse(value),
};

const request = {
  purpose: "judge",
  promptRef: "judge@1",
  cachedSystem: "You grade answers.",
  dynamicSystem: "Grade this one.",
  messages: [{ role: "user" as const, content: "The answer: use a cache." }],
  maxTokens: 300,
  schema: VERDICT,
};

const GOOD = JSON.stringify({ reasons: ["names a cache"], score: 2 });
const BAD = JSON.stringify({ reasons: "one", score: 9 });

function deps() {
  const { calls, record } = recorder();
  return { calls, deps: { record, sleep: fakeSleep().sleep, random: () => 0.5 } };
}

const bodyOf = (server: MockLlmServer, i = 0) => server.requests[i]?.body as Record<string, unknown>;

describe("completeStructured", () => {
  it("Anthropic: forces a tool whose input schema is the JSON schema, and parses the streamed input", async () => {
    claude.enqueueReply(GOOD);
    const { calls, deps: d } = deps();

    const out = await completeStructured([anthropicAt(claude)], request, d);

    expect(out).toMatchObject({ value: { reasons: ["names a cache"], score: 2 }, repaired: false });
    expect(out.result).toMatchObject({ provider: "anthropic", finishReason: "tool_use" });
    expect(bodyOf(claude)).toMatchObject({
      stream: true,
      tools: [{ name: "record_verdict", description: "Record the verdict.", input_schema: VERDICT.jsonSchema }],
      tool_choice: { type: "tool", name: "record_verdict" },
    });
    expect(calls).toEqual([expect.objectContaining({ purpose: "judge", promptRef: "judge@1", status: "OK" })]);
  });

  it("OpenAI: strict json_schema response format", async () => {
    gpt.enqueueReply(GOOD);
    const out = await completeStructured([openAiAt(gpt)], request, deps().deps);

    expect(out.value.score).toBe(2);
    expect(bodyOf(gpt).response_format).toEqual({
      type: "json_schema",
      json_schema: {
        name: "record_verdict",
        schema: VERDICT.jsonSchema,
        strict: true,
        description: "Record the verdict.",
      },
    });
  });

  it("OpenAI-compatible: JSON mode, the schema in the system prompt, and a Markdown fence tolerated", async () => {
    gpt.enqueueReply("```json\n" + GOOD + "\n```");
    const selfHosted = createOpenAiCompatibleProvider({ baseURL: `${gpt.url}/v1`, model: "llama3.1" });

    const out = await completeStructured([selfHosted], request, deps().deps);

    expect(out.value.score).toBe(2);
    const body = bodyOf(gpt);
    expect(body.response_format).toEqual({ type: "json_object" });
    const system = (body.messages as { role: string; content: string }[]).filter((m) => m.role === "system");
    expect(system.at(-1)?.content).toContain(JSON.stringify(VERDICT.jsonSchema));
  });

  it("repairs an invalid answer once, telling the same model what was wrong", async () => {
    claude.enqueueReply(BAD);
    claude.enqueueReply(GOOD);
    const { calls, deps: d } = deps();

    const out = await completeStructured([anthropicAt(claude), openAiAt(gpt)], request, d);

    expect(out).toMatchObject({ value: { score: 2 }, repaired: true });
    expect(gpt.requests).toHaveLength(0);
    const repair = bodyOf(claude, 1).messages as { role: string; content: unknown }[];
    expect(repair.slice(0, 2)).toEqual([request.messages[0], { role: "assistant", content: BAD }]);
    expect(String(repair[2]?.content)).toMatch(/reasons: .*score: /s);
    expect(calls.map((c) => [c.status, c.promptRef])).toEqual([
      ["OK", "judge@1"],
      ["OK", "judge@1"],
    ]);
  });

  it("throws a malformed StructuredOutputError when the repair is invalid too", async () => {
    gpt.enqueueReply("Sure! Here is the verdict: score 2.");
    gpt.enqueueReply("{ not json");

    const error: unknown = await completeStructured([openAiAt(gpt)], request, deps().deps).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(StructuredOutputError);
    expect(error).toBeInstanceOf(LlmError);
    expect(error).toMatchObject({
      kind: "malformed",
      retryable: false,
      outputs: ["Sure! Here is the verdict: score 2.", "{ not json"],
    });
    expect((error as StructuredOutputError).issues).toMatch(/not valid JSON/);
    expect(gpt.requests).toHaveLength(2);
  });

  it("falls back to the next provider on transport failures, as streamWithFallback does", async () => {
    claude.enqueueFault({ type: "server_error" }, 3);
    gpt.enqueueReply(GOOD);
    const { calls, deps: d } = deps();

    const out = await completeStructured([anthropicAt(claude), openAiAt(gpt)], request, d);

    expect(out.result.provider).toBe("openai");
    expect(calls.map((c) => `${c.provider} ${c.status}`)).toEqual([
      "anthropic ERROR",
      "anthropic ERROR",
      "anthropic ERROR",
      "openai OK",
    ]);
  });

  it("skips the offline provider, which cannot produce structured output", async () => {
    const offline = createOfflineProvider({ delayMs: 0 });
    await expect(completeStructured([offline], request, deps().deps)).rejects.toMatchObject({ kind: "bad_request" });
    await expect(
      offline.streamChat({ ...request, structuredOutput: VERDICT, offlineText: "text" }, () => {}),
    ).rejects.toMatchObject({ kind: "bad_request" });

    gpt.enqueueReply(GOOD);
    const { calls, deps: d } = deps();
    await completeStructured([offline, openAiAt(gpt)], request, d);
    expect(calls.map((c) => c.provider)).toEqual(["openai"]);
  });
});
