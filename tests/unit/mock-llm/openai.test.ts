import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type MockLlmServer, type MockReplyRequest, startMockLlmServer } from "../../mock-llm/server";
import { openAiClient, TEST_API_KEY, userSays } from "./clients";

let server: MockLlmServer;

beforeAll(async () => {
  server = await startMockLlmServer();
});
afterEach(() => server.reset());
afterAll(() => server.close());

describe("OpenAI chat completions, non-streaming", () => {
  it("answers with a deterministic reply derived from the last user message", async () => {
    const completion = await openAiClient(server).chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "system", content: "You are an interviewer." }, ...userSays("Design a URL shortener")],
    });

    expect(completion.object).toBe("chat.completion");
    expect(completion.model).toBe("gpt-4o-mini");
    expect(completion.choices[0]?.finish_reason).toBe("stop");
    expect(completion.choices[0]?.message.content).toMatch(/^Mock interviewer reply to: Design a URL shortener\. /);
  });

  it("reports usage as ceil(chars / 4) of the messages and of the reply", async () => {
    server.enqueueReply("12345678"); // 8 chars -> 2 tokens
    const completion = await openAiClient(server).chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "system", content: "abc" }, ...userSays("defgh")], // "abc\ndefgh" = 9 chars -> 3 tokens
    });

    expect(completion.usage).toMatchObject({ prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 });
  });

  it("uses queued one-shot replies first, then the reply function", async () => {
    const seen: MockReplyRequest[] = [];
    server.setReply((request) => {
      seen.push(request);
      return `fn:${request.messages.at(-1)?.content}`;
    });
    server.enqueueReply("first");
    const client = openAiClient(server);
    const ask = async (text: string) =>
      (
        await client.chat.completions.create({
          model: "m",
          messages: [{ role: "developer", content: "sys" }, ...userSays(text)],
        })
      ).choices[0]?.message.content;

    expect(await ask("one")).toBe("first");
    expect(await ask("two")).toBe("fn:two");
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      provider: "openai",
      model: "m",
      system: "sys",
      responseKind: "text",
      toolName: null,
    });
    expect(seen[0]?.messages).toEqual([{ role: "user", content: "two" }]);
  });

  it("records the request: key, model, body, headers and timestamps", async () => {
    await openAiClient(server).chat.completions.create(
      { model: "gpt-4.1-mini", messages: userSays("hi") },
      { headers: { "x-mock-tag": "checkout" } },
    );

    const [request] = server.requests;
    expect(request).toMatchObject({
      provider: "openai",
      method: "POST",
      path: "/v1/chat/completions",
      model: "gpt-4.1-mini",
      apiKey: TEST_API_KEY,
      stream: false,
      status: 200,
      outcome: "completed",
      body: { model: "gpt-4.1-mini", messages: userSays("hi") },
    });
    expect(request?.headers["x-mock-tag"]).toBe("checkout");
    expect(request?.headers["user-agent"]).toMatch(/OpenAI/i);
    expect(request?.completedAt).toBeGreaterThanOrEqual(request?.receivedAt ?? Infinity);
  });
});

describe("OpenAI chat completions, streaming", () => {
  it("streams word chunks that reassemble into the reply, then [DONE]", async () => {
    const reply = "Start with the read path: cache, then the database, then the queue.";
    server.enqueueReply(reply);
    const stream = await openAiClient(server).chat.completions.create({
      model: "gpt-4o-mini",
      messages: userSays("go"),
      stream: true,
    });

    const deltas: string[] = [];
    const finishReasons: Array<string | null> = [];
    for await (const chunk of stream) {
      expect(chunk.object).toBe("chat.completion.chunk");
      expect(chunk.usage).toBeUndefined(); // not asked for
      const choice = chunk.choices[0];
      if (choice?.delta.content) deltas.push(choice.delta.content);
      finishReasons.push(choice?.finish_reason ?? null);
    }

    expect(deltas.join("")).toBe(reply);
    expect(deltas.length).toBeGreaterThan(5);
    expect(finishReasons.at(-1)).toBe("stop");
  });

  it("sends a final usage-only chunk when stream_options.include_usage is set", async () => {
    server.enqueueReply("four word reply here");
    const stream = await openAiClient(server).chat.completions.create({
      model: "gpt-4o-mini",
      messages: userSays("abcdefgh"),
      stream: true,
      stream_options: { include_usage: true },
    });

    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);

    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage).toMatchObject({ prompt_tokens: 2, completion_tokens: 5, total_tokens: 7 });
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
  });

  it("works with the SDK's stream helper and its final completion", async () => {
    server.enqueueReply("Helper streams work too.");
    const runner = openAiClient(server).chat.completions.stream({ model: "gpt-4o-mini", messages: userSays("x") });

    const final = await runner.finalChatCompletion();
    expect(final.choices[0]?.message.content).toBe("Helper streams work too.");
  });
});

describe("OpenAI structured output", () => {
  it("returns the scripted JSON as content for response_format json_schema", async () => {
    server.enqueueReply(JSON.stringify({ score: 3, evidence: ["mentioned caching"] }));
    const completion = await openAiClient(server).chat.completions.create({
      model: "gpt-4o-mini",
      messages: userSays("grade this"),
      response_format: {
        type: "json_schema",
        json_schema: { name: "grade", schema: { type: "object", properties: { score: { type: "number" } } } },
      },
    });

    expect(JSON.parse(completion.choices[0]?.message.content ?? "")).toEqual({
      score: 3,
      evidence: ["mentioned caching"],
    });
    expect(server.requests[0]?.body).toMatchObject({ response_format: { type: "json_schema" } });
  });

  it("returns parseable JSON by default when JSON was requested and nothing was scripted", async () => {
    let kind = "";
    server.setReply((request) => {
      kind = request.responseKind;
      return '{"ok":true}';
    });
    const completion = await openAiClient(server).chat.completions.create({
      model: "gpt-4o-mini",
      messages: userSays("json please"),
      response_format: { type: "json_object" },
    });
    expect(kind).toBe("json");
    expect(JSON.parse(completion.choices[0]?.message.content ?? "")).toEqual({ ok: true });

    server.setReply(null);
    const fallback = await openAiClient(server).chat.completions.create({
      model: "gpt-4o-mini",
      messages: userSays("json please"),
      response_format: { type: "json_object" },
    });
    expect(JSON.parse(fallback.choices[0]?.message.content ?? "")).toMatchObject({ message: expect.any(String) });
  });

  const gradeTool = {
    type: "function" as const,
    function: { name: "record_grade", parameters: { type: "object", properties: { score: { type: "number" } } } },
  };

  it("returns a tool call with the scripted reply as arguments when a tool is forced", async () => {
    server.enqueueReply('{"score": 4}');
    const completion = await openAiClient(server).chat.completions.create({
      model: "gpt-4o-mini",
      messages: userSays("grade"),
      tools: [gradeTool],
      tool_choice: { type: "function", function: { name: "record_grade" } },
    });

    const choice = completion.choices[0];
    expect(choice?.finish_reason).toBe("tool_calls");
    expect(choice?.message.content).toBeNull();
    const call = choice?.message.tool_calls?.[0];
    expect(call?.type).toBe("function");
    if (call?.type !== "function") throw new Error("expected a function tool call");
    expect(call.function.name).toBe("record_grade");
    expect(JSON.parse(call.function.arguments)).toEqual({ score: 4 });
  });

  it("streams tool-call arguments that the SDK reassembles (tool_choice: required)", async () => {
    server.enqueueReply('{"score": 5, "notes": "clear tradeoffs"}');
    const runner = openAiClient(server).chat.completions.stream({
      model: "gpt-4o-mini",
      messages: userSays("grade"),
      tools: [gradeTool],
      tool_choice: "required",
    });

    const final = await runner.finalChatCompletion();
    const call = final.choices[0]?.message.tool_calls?.[0];
    if (call?.type !== "function") throw new Error("expected a function tool call");
    expect(call.function.name).toBe("record_grade");
    expect(JSON.parse(call.function.arguments)).toEqual({ score: 5, notes: "clear tradeoffs" });
    expect(final.choices[0]?.finish_reason).toBe("tool_calls");
  });

  it("answers with text when tools are offered but not forced", async () => {
    server.enqueueReply("No tool needed.");
    const completion = await openAiClient(server).chat.completions.create({
      model: "gpt-4o-mini",
      messages: userSays("hello"),
      tools: [gradeTool],
      tool_choice: "auto",
    });
    expect(completion.choices[0]?.message.content).toBe("No tool needed.");
  });
});

describe("OpenAI models and auth", () => {
  it("lists and retrieves models", async () => {
    const client = openAiClient(server);
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toContain("gpt-4o-mini");
    expect((await client.models.retrieve("gpt-custom")).id).toBe("gpt-custom");
  });

  it("rejects a request without a key with OpenAI's 401 error shape", async () => {
    const response = await fetch(`${server.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "gpt-4o-mini", messages: userSays("hi") }),
    });

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: {
        message: expect.stringContaining("API key"),
        type: "invalid_request_error",
        param: null,
        code: "invalid_api_key",
      },
    });
    expect(server.requests[0]).toMatchObject({ apiKey: null, status: 401, outcome: "error_response" });
  });

  it("surfaces the 401 as the SDK's AuthenticationError when the SDK sends no Authorization header", async () => {
    const client = openAiClient(server, { defaultHeaders: { Authorization: null } });
    const request = client.chat.completions.create({ model: "m", messages: userSays("hi") });
    await expect(request).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    await expect(request).rejects.toMatchObject({ status: 401, code: "invalid_api_key" });
  });

  it("accepts any key and records it", async () => {
    await openAiClient(server, { apiKey: "sk-anything-goes" }).chat.completions.create({
      model: "m",
      messages: userSays("hi"),
    });
    expect(server.requests[0]?.apiKey).toBe("sk-anything-goes");
  });

  it("answers 500 naming the problem when a test's reply function throws", async () => {
    server.setReply(() => {
      throw new Error("no script for this turn");
    });
    const request = openAiClient(server).chat.completions.create({ model: "m", messages: userSays("hi") });
    await expect(request).rejects.toMatchObject({
      status: 500,
      message: expect.stringContaining("no script for this turn"),
    });
  });

  it("rejects a request the real API would reject with 400", async () => {
    const request = openAiClient(server).chat.completions.create({ model: "m", messages: [] });
    await expect(request).rejects.toMatchObject({ status: 400, type: "invalid_request_error" });
  });
});
