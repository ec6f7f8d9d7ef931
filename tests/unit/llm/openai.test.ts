import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type MockLlmServer, startMockLlmServer } from "../../mock-llm/server";
import { costOf } from "@/lib/llm/pricing";
import { chatRequest, openAiAt, TEST_KEY } from "./support";

let server: MockLlmServer;

beforeAll(async () => {
  server = await startMockLlmServer();
});
afterEach(() => server.reset());
afterAll(() => server.close());

describe("OpenAI provider", () => {
  it("streams the reply in several deltas through the official SDK", async () => {
    const reply = "Which numbers matter most here: daily users, peak QPS, or context length?";
    server.enqueueReply(reply);
    const deltas: string[] = [];

    const result = await openAiAt(server).streamChat(chatRequest(), (delta) => deltas.push(delta));

    expect(deltas.length).toBeGreaterThan(5);
    expect(deltas.join("")).toBe(reply);
    expect(result).toMatchObject({ text: reply, provider: "openai", model: "gpt-5-mini", finishReason: "stop" });
    expect(server.requests[0]).toMatchObject({
      apiKey: TEST_KEY,
      stream: true,
      headers: { "x-stainless-retry-count": "0" },
    });
  });

  it("sends the cached prefix first and the per-turn text second, as two system messages", async () => {
    await openAiAt(server).streamChat(chatRequest(), () => {});

    const body = server.requests[0]?.body as { messages: unknown[] };
    expect(body.messages).toEqual([
      { role: "system", content: "You are a system design interviewer. Be concise." },
      { role: "system", content: "Phase: requirements. 40 minutes left." },
      { role: "user", content: "Design ChatGPT" },
    ]);
    expect(body).toMatchObject({ stream: true, stream_options: { include_usage: true }, max_completion_tokens: 256 });
  });

  it("leaves out temperature for reasoning models (they reject it) and asks for low reasoning effort", async () => {
    await openAiAt(server).streamChat(chatRequest({ temperature: 0.4 }), () => {});
    await openAiAt(server, { model: "gpt-4.1-mini" }).streamChat(chatRequest({ temperature: 0.4 }), () => {});

    const [reasoning, classic] = server.requests.map((request) => request.body as Record<string, unknown>);
    expect(reasoning).not.toHaveProperty("temperature");
    expect(reasoning).toMatchObject({ reasoning_effort: "low" });
    expect(classic).toMatchObject({ temperature: 0.4 });
    expect(classic).not.toHaveProperty("reasoning_effort");
  });

  it("takes usage from the final chunk and prices it", async () => {
    server.enqueueReply("123456789"); // 9 chars -> 3 tokens
    const request = chatRequest({
      cachedSystem: "abc",
      dynamicSystem: undefined,
      messages: [{ role: "user", content: "defg" }],
    });

    const result = await openAiAt(server).streamChat(request, () => {});

    expect(result.usage).toEqual({ inputTokens: 2, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 3 });
    expect(result.costUsd).toBeGreaterThan(0);
    expect(result.costUsd).toBe(costOf("openai", "gpt-5-mini", result.usage).usd);
  });

  it("rejects when aborted mid-stream, although the SDK's stream just stops quietly", async () => {
    server.configure({ tokensPerSecond: 20 });
    const controller = new AbortController();
    const deltas: string[] = [];
    const call = openAiAt(server).streamChat(chatRequest({ signal: controller.signal }), (delta) => deltas.push(delta));

    await vi.waitFor(() => expect(deltas.length).toBeGreaterThan(0));
    controller.abort();

    await expect(call).rejects.toMatchObject({ name: "AbortError" });
  });
});
