import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type MockLlmServer, startMockLlmServer } from "../../mock-llm/server";
import { costOf, priceOf } from "@/lib/llm/pricing";
import { anthropicAt, chatRequest, TEST_KEY } from "./support";

let server: MockLlmServer;

beforeAll(async () => {
  server = await startMockLlmServer();
});
afterEach(() => server.reset());
afterAll(() => server.close());

const tokens = (chars: number) => Math.ceil(chars / 4);

describe("Anthropic provider", () => {
  it("streams the reply in several deltas through the official SDK", async () => {
    const reply = "Start with the requirements: who are the users and what latency do they expect?";
    server.enqueueReply(reply);
    const deltas: string[] = [];

    const result = await anthropicAt(server).streamChat(chatRequest({ temperature: 0.4 }), (delta) =>
      deltas.push(delta),
    );

    expect(deltas.length).toBeGreaterThan(5);
    expect(deltas.join("")).toBe(reply);
    expect(result).toMatchObject({
      text: reply,
      provider: "anthropic",
      model: "claude-sonnet-4-6",
      finishReason: "end_turn",
    });
    const [request] = server.requests;
    expect(request).toMatchObject({ apiKey: TEST_KEY, stream: true, headers: { "x-stainless-retry-count": "0" } });
    expect(request?.body).toMatchObject({ max_tokens: 256, temperature: 0.4 });
  });

  it("sends the cached prefix as a cache_control block and the per-turn text after it, uncached", async () => {
    await anthropicAt(server).streamChat(chatRequest(), () => {});

    expect((server.requests[0]?.body as { system: unknown }).system).toEqual([
      { type: "text", text: "You are a system design interviewer. Be concise.", cache_control: { type: "ephemeral" } },
      { type: "text", text: "Phase: requirements. 40 minutes left." },
    ]);
  });

  it("reads the cached prefix on the next turn: cached tokens reported and a lower cost", async () => {
    const cachedSystem = `Private problem pack. ${"Facts and probes for the interviewer. ".repeat(200)}`;
    const provider = anthropicAt(server);

    const first = await provider.streamChat(chatRequest({ cachedSystem }), () => {});
    const second = await provider.streamChat(
      chatRequest({ cachedSystem, dynamicSystem: "Phase: high-level design. 30 minutes left." }),
      () => {},
    );

    expect(first.usage.cachedInputTokens).toBe(0);
    expect(first.usage.cacheWriteTokens).toBe(tokens(cachedSystem.length));
    expect(second.usage.cachedInputTokens).toBe(tokens(cachedSystem.length));
    expect(second.usage.cacheWriteTokens).toBe(0);
    expect(second.costUsd).toBeLessThan(first.costUsd / 2);
  });

  it("reports usage with inputTokens as the whole prompt, and prices it", async () => {
    server.enqueueReply("123456789"); // 9 chars -> 3 tokens
    const request = chatRequest({
      cachedSystem: "abc",
      dynamicSystem: undefined,
      messages: [{ role: "user", content: "defg" }],
    });

    const result = await anthropicAt(server).streamChat(request, () => {});

    // "abc\ndefg" = 8 chars -> 2 tokens, of which "abc" (1 token) was written to the cache.
    expect(result.usage).toEqual({ inputTokens: 2, cachedInputTokens: 0, cacheWriteTokens: 1, outputTokens: 3 });
    const price = priceOf("anthropic", "claude-sonnet-4-6");
    expect(price).not.toBeNull();
    expect(result.costUsd).toBeCloseTo((1 * price!.input + 1 * price!.cacheWrite + 3 * price!.output) / 1e6, 12);
    expect(result.costUsd).toBe(costOf("anthropic", "claude-sonnet-4-6", result.usage).usd);
  });

  it("measures time to first token", async () => {
    server.configure({ ttftMs: 60 });
    const result = await anthropicAt(server).streamChat(chatRequest(), () => {});
    expect(result.ttftMs).toBeGreaterThanOrEqual(50);
    expect(result.latencyMs).toBeGreaterThanOrEqual(result.ttftMs ?? 0);
  });

  it("rejects when aborted mid-stream, although the SDK's stream just stops quietly", async () => {
    server.configure({ tokensPerSecond: 20 });
    const controller = new AbortController();
    const deltas: string[] = [];
    const call = anthropicAt(server).streamChat(chatRequest({ signal: controller.signal }), (delta) =>
      deltas.push(delta),
    );

    await vi.waitFor(() => expect(deltas.length).toBeGreaterThan(0));
    controller.abort();

    await expect(call).rejects.toMatchObject({ name: "AbortError" });
  });
});
