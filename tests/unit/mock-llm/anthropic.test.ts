import Anthropic from "@anthropic-ai/sdk";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type MockLlmServer, type MockReplyRequest, startMockLlmServer } from "../../mock-llm/server";
import { anthropicClient, TEST_API_KEY, userSays } from "./clients";

let server: MockLlmServer;

beforeAll(async () => {
  server = await startMockLlmServer();
});
afterEach(() => server.reset());
afterAll(() => server.close());

const MODEL = "claude-sonnet-4-6";
const tokens = (chars: number) => Math.ceil(chars / 4);

describe("Anthropic messages, non-streaming", () => {
  it("answers with a text block derived from the last user message", async () => {
    const message = await anthropicClient(server).messages.create({
      model: MODEL,
      max_tokens: 256,
      system: "You are an interviewer.",
      messages: userSays("Design a rate limiter"),
    });

    expect(message.type).toBe("message");
    expect(message.role).toBe("assistant");
    expect(message.model).toBe(MODEL);
    expect(message.stop_reason).toBe("end_turn");
    const [block] = message.content;
    if (block?.type !== "text") throw new Error("expected a text block");
    expect(block.text).toMatch(/^Mock interviewer reply to: Design a rate limiter\. /);
  });

  it("reports usage as ceil(chars / 4) with zero cache tokens when nothing is marked cacheable", async () => {
    server.enqueueReply("123456789"); // 9 chars -> 3 tokens
    const message = await anthropicClient(server).messages.create({
      model: MODEL,
      max_tokens: 256,
      system: "abc",
      messages: userSays("defg"), // "abc\ndefg" = 8 chars -> 2 tokens
    });

    expect(message.usage).toMatchObject({
      input_tokens: 2,
      output_tokens: 3,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    });
  });

  it("hands reply functions the flattened system prompt and messages", async () => {
    let seen: MockReplyRequest | undefined;
    server.setReply((request) => {
      seen = request;
      return "ok";
    });
    await anthropicClient(server).messages.create({
      model: MODEL,
      max_tokens: 64,
      system: [
        { type: "text", text: "Rubric part one." },
        { type: "text", text: "Rubric part two.", cache_control: { type: "ephemeral" } },
      ],
      messages: [
        { role: "user", content: [{ type: "text", text: "My design" }] },
        { role: "assistant", content: "Why?" },
        { role: "user", content: "Latency" },
      ],
    });

    expect(seen).toMatchObject({ provider: "anthropic", model: MODEL, system: "Rubric part one.\nRubric part two." });
    expect(seen?.messages).toEqual([
      { role: "user", content: "My design" },
      { role: "assistant", content: "Why?" },
      { role: "user", content: "Latency" },
    ]);
  });

  it("records the key (x-api-key or Bearer auth token) and the anthropic-version header", async () => {
    await anthropicClient(server).messages.create({ model: MODEL, max_tokens: 16, messages: userSays("a") });
    await anthropicClient(server, { apiKey: null, authToken: "oauth-token" }).messages.create({
      model: MODEL,
      max_tokens: 16,
      messages: userSays("b"),
    });

    expect(server.requests.map((request) => request.apiKey)).toEqual([TEST_API_KEY, "oauth-token"]);
    expect(server.requests[0]).toMatchObject({
      provider: "anthropic",
      path: "/v1/messages",
      model: MODEL,
      status: 200,
    });
    expect(server.requests[0]?.headers["anthropic-version"]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("rejects a request the real API would reject (no max_tokens) with 400", async () => {
    const response = await fetch(`${server.url}/v1/messages`, {
      method: "POST",
      headers: { "x-api-key": "k", "anthropic-version": "2023-06-01", "content-type": "application/json" },
      body: JSON.stringify({ model: MODEL, messages: userSays("hi") }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ type: "error", error: { type: "invalid_request_error" } });
  });
});

describe("Anthropic messages, streaming", () => {
  it("emits the real event sequence with usage in message_start and message_delta", async () => {
    const reply = "Walk me through the write path and its failure modes.";
    server.enqueueReply(reply);
    const stream = await anthropicClient(server).messages.create({
      model: MODEL,
      max_tokens: 256,
      messages: userSays("go"),
      stream: true,
    });

    const events: Anthropic.RawMessageStreamEvent[] = [];
    for await (const event of stream) events.push(event);

    const types = events.map((event) => event.type);
    const deltaCount = types.filter((type) => type === "content_block_delta").length;
    expect(types).toEqual([
      "message_start",
      "content_block_start",
      ...Array<string>(deltaCount).fill("content_block_delta"),
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    expect(deltaCount).toBeGreaterThan(5);

    const start = events[0];
    if (start?.type !== "message_start") throw new Error("expected message_start first");
    expect(start.message.usage).toMatchObject({
      input_tokens: 1,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    });
    const text = events
      .map((event) =>
        event.type === "content_block_delta" && event.delta.type === "text_delta" ? event.delta.text : "",
      )
      .join("");
    expect(text).toBe(reply);
    const messageDelta = events.find((event) => event.type === "message_delta");
    expect(messageDelta).toMatchObject({
      delta: { stop_reason: "end_turn" },
      usage: { output_tokens: tokens(reply.length) },
    });
  });

  it("works with the SDK's messages.stream helper", async () => {
    server.enqueueReply("Streamed through the helper.");
    const texts: string[] = [];
    const stream = anthropicClient(server)
      .messages.stream({ model: MODEL, max_tokens: 64, messages: userSays("x") })
      .on("text", (text) => texts.push(text));

    const final = await stream.finalMessage();
    expect(texts.join("")).toBe("Streamed through the helper.");
    expect(final.content).toEqual([expect.objectContaining({ type: "text", text: "Streamed through the helper." })]);
    expect(final.usage.output_tokens).toBe(tokens("Streamed through the helper.".length));
  });
});

describe("Anthropic prompt caching", () => {
  const systemText = "S".repeat(400); // 100 tokens
  const cachedSystem = [{ type: "text" as const, text: systemText, cache_control: { type: "ephemeral" as const } }];

  it("reports cache creation for a new prefix and cache reads for the same prefix later", async () => {
    const client = anthropicClient(server);
    const ask = () =>
      client.messages.create({ model: MODEL, max_tokens: 64, system: cachedSystem, messages: userSays("hello") });

    const first = await ask();
    const second = await ask();

    // total = "S"*400 + "\n" + "hello" = 406 chars -> 102 tokens, of which the system's 100 are cacheable.
    expect(first.usage).toMatchObject({
      cache_creation_input_tokens: 100,
      cache_read_input_tokens: 0,
      input_tokens: 2,
    });
    expect(second.usage).toMatchObject({
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 100,
      input_tokens: 2,
    });
  });

  it("misses the cache when the prefix changes, and forgets everything on reset", async () => {
    const client = anthropicClient(server);
    const ask = (text: string) =>
      client.messages.create({
        model: MODEL,
        max_tokens: 64,
        system: [{ type: "text", text, cache_control: { type: "ephemeral" } }],
        messages: userSays("hi"),
      });

    await ask(systemText);
    expect((await ask(`${systemText}!`)).usage.cache_read_input_tokens).toBe(0);
    server.reset();
    expect((await ask(systemText)).usage).toMatchObject({
      cache_read_input_tokens: 0,
      cache_creation_input_tokens: 100,
    });
  });

  it("reads the previous turn's prefix and writes only the new part in a growing conversation", async () => {
    const client = anthropicClient(server);
    const userOne = "U".repeat(40);
    const assistantOne = "A".repeat(40);
    const userTwo = "V".repeat(40);
    const breakpoint = { cache_control: { type: "ephemeral" as const } };

    const turnOne = await client.messages.create({
      model: MODEL,
      max_tokens: 64,
      system: cachedSystem,
      messages: [{ role: "user", content: [{ type: "text", text: userOne, ...breakpoint }] }],
    });
    // The breakpoint moves to the newest message; the old user turn is now a plain string.
    const turnTwo = await client.messages.create({
      model: MODEL,
      max_tokens: 64,
      system: cachedSystem,
      messages: [
        { role: "user", content: userOne },
        { role: "assistant", content: assistantOne },
        { role: "user", content: [{ type: "text", text: userTwo, ...breakpoint }] },
      ],
    });

    const turnOneChars = systemText.length + 1 + userOne.length;
    const turnTwoChars = turnOneChars + 1 + assistantOne.length + 1 + userTwo.length;
    expect(turnOne.usage).toMatchObject({
      cache_creation_input_tokens: tokens(turnOneChars),
      cache_read_input_tokens: 0,
    });
    expect(turnTwo.usage).toMatchObject({
      cache_read_input_tokens: tokens(turnOneChars),
      cache_creation_input_tokens: tokens(turnTwoChars) - tokens(turnOneChars),
      input_tokens: 0,
    });
  });

  it("reports cache tokens in the streamed message_start", async () => {
    const client = anthropicClient(server);
    const ask = () =>
      client.messages
        .stream({ model: MODEL, max_tokens: 64, system: cachedSystem, messages: userSays("hello") })
        .finalMessage();

    await ask();
    const second = await ask();
    expect(second.usage).toMatchObject({
      cache_read_input_tokens: 100,
      cache_creation_input_tokens: 0,
      input_tokens: 2,
    });
  });
});

describe("Anthropic forced tool use and JSON output", () => {
  const gradeTool = {
    name: "record_grade",
    description: "Record a rubric grade",
    input_schema: { type: "object" as const, properties: { score: { type: "number" } } },
  };

  it("returns a tool_use block whose input is the parsed scripted JSON", async () => {
    server.enqueueReply('{"score": 4, "evidence": ["sharding"]}');
    const message = await anthropicClient(server).messages.create({
      model: MODEL,
      max_tokens: 256,
      messages: userSays("grade"),
      tools: [gradeTool],
      tool_choice: { type: "tool", name: "record_grade" },
    });

    expect(message.stop_reason).toBe("tool_use");
    const [block] = message.content;
    if (block?.type !== "tool_use") throw new Error("expected a tool_use block");
    expect(block.name).toBe("record_grade");
    expect(block.id).toMatch(/^toolu_/);
    expect(block.input).toEqual({ score: 4, evidence: ["sharding"] });
  });

  it("streams tool input as input_json_delta that the SDK reassembles", async () => {
    server.enqueueReply('{"score": 2, "notes": "missed the cache"}');
    const final = await anthropicClient(server)
      .messages.stream({
        model: MODEL,
        max_tokens: 256,
        messages: userSays("grade"),
        tools: [gradeTool],
        tool_choice: { type: "tool", name: "record_grade" },
      })
      .finalMessage();

    expect(final.stop_reason).toBe("tool_use");
    expect(final.content).toEqual([
      expect.objectContaining({
        type: "tool_use",
        name: "record_grade",
        input: { score: 2, notes: "missed the cache" },
      }),
    ]);
  });

  it("gives reply functions the forced tool's name and answers JSON by default", async () => {
    let seen: MockReplyRequest | undefined;
    server.setReply((request) => {
      seen = request;
      return '{"score": 1}';
    });
    await anthropicClient(server).messages.create({
      model: MODEL,
      max_tokens: 64,
      messages: userSays("grade"),
      tools: [gradeTool],
      tool_choice: { type: "any" },
    });
    expect(seen).toMatchObject({ responseKind: "tool", toolName: "record_grade" });

    server.setReply(null);
    const message = await anthropicClient(server).messages.create({
      model: MODEL,
      max_tokens: 64,
      messages: userSays("grade"),
      tools: [gradeTool],
      tool_choice: { type: "tool", name: "record_grade" },
    });
    expect(message.content[0]).toMatchObject({ type: "tool_use", input: { message: expect.any(String) } });
  });

  it("answers 400 with a clear message when the scripted reply for a forced tool is not a JSON object", async () => {
    server.enqueueReply("not json");
    const request = anthropicClient(server).messages.create({
      model: MODEL,
      max_tokens: 64,
      messages: userSays("grade"),
      tools: [gradeTool],
      tool_choice: { type: "tool", name: "record_grade" },
    });
    await expect(request).rejects.toBeInstanceOf(Anthropic.BadRequestError);
    await expect(request).rejects.toThrow(/scripted reply is not a JSON object/);
  });

  it("returns the scripted JSON as text for output_config.format", async () => {
    server.enqueueReply('{"verdict": "hire"}');
    const message = await anthropicClient(server).messages.create({
      model: MODEL,
      max_tokens: 64,
      messages: userSays("decide"),
      output_config: { format: { type: "json_schema", schema: { type: "object" } } },
    });
    const [block] = message.content;
    if (block?.type !== "text") throw new Error("expected a text block");
    expect(JSON.parse(block.text)).toEqual({ verdict: "hire" });
  });
});

describe("Anthropic models and auth", () => {
  it("lists and retrieves models", async () => {
    const client = anthropicClient(server);
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toContain(MODEL);
    expect(await client.models.retrieve("claude-custom")).toMatchObject({ type: "model", id: "claude-custom" });
    expect(server.requests.every((request) => request.provider === "anthropic")).toBe(true);
  });

  it("rejects a request without a key with Anthropic's 401 error shape", async () => {
    const response = await fetch(`${server.url}/v1/messages`, {
      method: "POST",
      headers: { "anthropic-version": "2023-06-01", "content-type": "application/json" },
      body: JSON.stringify({ model: MODEL, max_tokens: 16, messages: userSays("hi") }),
    });

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      type: "error",
      error: { type: "authentication_error", message: expect.any(String) },
      request_id: expect.any(String),
    });
    expect(server.requests[0]).toMatchObject({ provider: "anthropic", apiKey: null, status: 401 });
  });
});
