import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type MockLlmServer, startMockLlmServer } from "../../mock-llm/server";
import { streamWithFallback } from "@/lib/llm/call";
import { LlmError } from "@/lib/llm/errors";
import { createOfflineProvider } from "@/lib/llm/providers/offline";
import { anthropicAt, chatRequest, consumer, fakeSleep, fetchWithoutCredentials, openAiAt, recorder } from "./support";

// Two servers, so a fault queued for the first provider cannot be consumed by its fallback.
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

const OFFLINE_TEXT = "Offline reply: what are the main requirements?";
const LONG_REPLY = "one two three four five six seven eight nine ten eleven twelve";
const FALLBACK_REPLY = "Fallback reply: let us talk about latency budgets.";

const chain = (options: { claudeFetch?: typeof fetch } = {}) => [
  anthropicAt(claude, { fetch: options.claudeFetch }),
  openAiAt(gpt),
  createOfflineProvider({ delayMs: 0 }),
];

/** Runs a call with recording fakes; returns everything a test asserts on. */
async function run(
  options: Parameters<typeof streamWithFallback>[4] = {},
  request = chatRequest({ offlineText: OFFLINE_TEXT }),
) {
  const { calls, record } = recorder();
  const { delays, sleep } = fakeSleep();
  const { state, handlers } = consumer();
  const result = await streamWithFallback(chain(), request, handlers, { record, sleep, random: () => 0.5 }, options);
  return { result, calls, delays, state };
}

describe("streamWithFallback", () => {
  it("streams from the first provider and records one OK call with usage, cost and timing", async () => {
    claude.enqueueReply(LONG_REPLY);
    const { result, calls, state } = await run();

    expect(state.deltas.length).toBeGreaterThan(5);
    expect(state.text).toBe(LONG_REPLY);
    expect(result).toMatchObject({ text: LONG_REPLY, provider: "anthropic", finishReason: "end_turn" });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      purpose: "interviewer",
      promptRef: "interviewer@1",
      provider: "anthropic",
      model: "claude-sonnet-4-6",
      outputTokens: Math.ceil(LONG_REPLY.length / 4),
      costUsd: result.costUsd,
      status: "OK",
      error: null,
    });
    expect(calls[0]?.inputTokens).toBeGreaterThan(0);
    expect(result.costUsd).toBeGreaterThan(0);
    expect(Number.isInteger(calls[0]?.latencyMs)).toBe(true);
    expect(gpt.requests).toHaveLength(0);
  });

  it("waits out a 429's retry-after, then succeeds on the retry: two attempts recorded", async () => {
    claude.enqueueFault({ type: "rate_limit", retryAfterSeconds: 1 });
    claude.enqueueReply(LONG_REPLY, 2);
    const { result, calls, delays } = await run();

    expect(delays).toEqual([1000]);
    expect(result.provider).toBe("anthropic");
    expect(calls.map((call) => [call.provider, call.status])).toEqual([
      ["anthropic", "ERROR"],
      ["anthropic", "OK"],
    ]);
    expect(calls[0]?.error).toMatch(/^rate_limit: 429 /);
    expect(claude.requests.map((request) => request.status)).toEqual([429, 200]);
  });

  it("waits for real when no sleep is injected", async () => {
    claude.enqueueFault({ type: "server_error" });
    const { calls, record } = recorder();
    const started = performance.now();
    const result = await streamWithFallback(
      chain(),
      chatRequest(),
      consumer().handlers,
      { record },
      { baseDelayMs: 40 },
    );

    expect(result.provider).toBe("anthropic");
    expect(calls.map((call) => call.status)).toEqual(["ERROR", "OK"]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(20 - 2); // equal jitter: at least half the base
  });

  it("backs off exponentially on 500s, then falls back to the next provider", async () => {
    claude.enqueueFault({ type: "server_error" }, 2);
    gpt.enqueueReply(FALLBACK_REPLY);
    const { result, calls, delays } = await run({ maxRetries: 1 });

    expect(result).toMatchObject({ provider: "openai", text: FALLBACK_REPLY });
    expect(calls.map((call) => `${call.provider} ${call.status} ${call.error?.split(":")[0] ?? ""}`)).toEqual([
      "anthropic ERROR server",
      "anthropic ERROR server",
      "openai OK ",
    ]);
    expect(delays).toEqual([375]); // retry 0: ceiling 500 ms, half fixed + half × random 0.5
  });

  it("times out a hanging provider before its first token, aborts the request, and falls back", async () => {
    claude.enqueueFault({ type: "hang" });
    gpt.enqueueReply(FALLBACK_REPLY);
    const { result, calls } = await run({ maxRetries: 0, firstTokenTimeoutMs: 100 });

    expect(result).toMatchObject({ provider: "openai", text: FALLBACK_REPLY });
    expect(calls[0]).toMatchObject({ provider: "anthropic", status: "ERROR", ttftMs: null });
    expect(calls[0]?.error).toMatch(/^timeout: no text within 100 ms/);
    expect(calls[0]?.latencyMs).toBeGreaterThanOrEqual(95);
    // The abort reached the socket: the server saw the client go away.
    await vi.waitFor(() => expect(claude.requests[0]?.completedAt).not.toBeNull());
  });

  it("times out a stream that goes quiet between chunks, discarding its partial text", async () => {
    claude.configure({ tokensPerSecond: 4 }); // a chunk every 250 ms
    gpt.enqueueReply(FALLBACK_REPLY);
    const { result, calls, state } = await run({ maxRetries: 0, idleTimeoutMs: 80 });

    expect(calls[0]?.error).toMatch(/^timeout: stream idle for 80 ms/);
    expect(calls[0]?.ttftMs).not.toBeNull();
    expect(state.restarts).toBe(1);
    expect(state.text).toBe(FALLBACK_REPLY);
    expect(result.provider).toBe("openai");
  });

  it("falls back after a malformed stream", async () => {
    claude.enqueueFault({ type: "malformed" });
    claude.enqueueReply(LONG_REPLY);
    gpt.enqueueReply(FALLBACK_REPLY);
    const { result, calls, state } = await run({ maxRetries: 0 });

    expect(calls[0]?.error).toMatch(/^malformed: /);
    expect(result.provider).toBe("openai");
    expect(state.text).toBe(FALLBACK_REPLY);
  });

  it("on a stream cut after 3 chunks, tells the consumer to restart and ends with the fallback's full text", async () => {
    claude.enqueueFault({ type: "cut", afterChunks: 3 });
    claude.enqueueReply(LONG_REPLY);
    gpt.enqueueReply(FALLBACK_REPLY);
    const { result, calls, state } = await run({ maxRetries: 0 });

    expect(state.deltas.slice(0, 3)).toEqual(["one ", "two ", "three "]);
    expect(state.restarts).toBe(1);
    expect(state.text).toBe(FALLBACK_REPLY);
    expect(result.text).toBe(FALLBACK_REPLY);
    expect(calls.map((call) => call.status)).toEqual(["ERROR", "OK"]);
    expect(calls[0]?.error).toMatch(/^network: /);
  });

  it("does not retry an auth error: one attempt, straight to the fallback", async () => {
    gpt.enqueueReply(FALLBACK_REPLY);
    const { calls, record } = recorder();
    const { delays, sleep } = fakeSleep();
    const result = await streamWithFallback(
      chain({ claudeFetch: fetchWithoutCredentials }),
      chatRequest(),
      consumer().handlers,
      { record, sleep },
    );

    expect(result.provider).toBe("openai");
    expect(claude.requests.map((request) => request.status)).toEqual([401]);
    expect(delays).toEqual([]);
    expect(calls[0]?.error).toMatch(/^auth: 401 /);
  });

  it("ends at the offline provider when every model fails, with every attempt recorded", async () => {
    claude.enqueueFault({ type: "server_error" }, 3);
    gpt.enqueueFault({ type: "overloaded" }, 3);
    const { result, calls, delays, state } = await run();

    expect(result).toMatchObject({ provider: "offline", text: OFFLINE_TEXT, costUsd: 0 });
    expect(state.text).toBe(OFFLINE_TEXT);
    expect(calls.map((call) => `${call.provider} ${call.status}`)).toEqual([
      ...Array<string>(3).fill("anthropic ERROR"),
      ...Array<string>(3).fill("openai ERROR"),
      "offline OK",
    ]);
    expect(delays).toEqual([375, 750, 375, 750]);
  });

  it("throws an LlmError listing every attempt when the whole chain fails", async () => {
    claude.enqueueFault({ type: "server_error" }, 2);
    const { calls, record } = recorder();
    const call = streamWithFallback(
      [anthropicAt(claude), createOfflineProvider()],
      chatRequest({ offlineText: undefined }),
      consumer().handlers,
      { record, sleep: fakeSleep().sleep },
      { maxRetries: 1 },
    );

    const error = await call.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LlmError);
    expect(error).toMatchObject({ kind: "bad_request", retryable: false, provider: "offline" });
    expect((error as LlmError).attempts.map((attempt) => `${attempt.provider} ${attempt.kind}`)).toEqual([
      "anthropic server",
      "anthropic server",
      "offline bad_request",
    ]);
    expect((error as LlmError).message).toMatch(/^every model failed: anthropic:claude-sonnet-4-6 server \(500 /);
    expect(calls).toHaveLength(3);
  });

  describe("when the caller cancels", () => {
    it("stops a waiting request: rejects with kind cancelled, records CANCELLED, no fallback", async () => {
      claude.enqueueFault({ type: "hang" });
      const controller = new AbortController();
      const { calls, record } = recorder();
      const call = streamWithFallback(chain(), chatRequest({ signal: controller.signal }), consumer().handlers, {
        record,
      });

      await vi.waitFor(() => expect(claude.requests).toHaveLength(1));
      controller.abort();

      await expect(call).rejects.toMatchObject({ name: "LlmError", kind: "cancelled", retryable: false });
      expect(calls).toEqual([expect.objectContaining({ provider: "anthropic", status: "CANCELLED" })]);
      expect(gpt.requests).toHaveLength(0);
    });

    it("stops a reply mid-stream instead of passing the partial text off as complete", async () => {
      claude.configure({ tokensPerSecond: 20 });
      const controller = new AbortController();
      const { calls, record } = recorder();
      const { state, handlers } = consumer();
      const call = streamWithFallback(chain(), chatRequest({ signal: controller.signal }), handlers, { record });

      await vi.waitFor(() => expect(state.deltas.length).toBeGreaterThan(1));
      controller.abort();

      await expect(call).rejects.toMatchObject({ kind: "cancelled" });
      expect(calls.map((c) => c.status)).toEqual(["CANCELLED"]);
      expect(calls[0]?.ttftMs).not.toBeNull();
    });

    it("cuts a backoff short", async () => {
      claude.enqueueFault({ type: "rate_limit", retryAfterSeconds: 10 });
      const controller = new AbortController();
      const { calls, record } = recorder();
      const started = performance.now();
      const call = streamWithFallback(chain(), chatRequest({ signal: controller.signal }), consumer().handlers, {
        record,
      });

      await vi.waitFor(() => expect(calls).toHaveLength(1));
      controller.abort();

      await expect(call).rejects.toMatchObject({ kind: "cancelled" });
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(claude.requests).toHaveLength(1);
      expect(calls.map((c) => c.status)).toEqual(["ERROR"]);
    });

    it("never starts when the signal is already aborted", async () => {
      const { calls, record } = recorder();
      const call = streamWithFallback(chain(), chatRequest({ signal: AbortSignal.abort() }), consumer().handlers, {
        record,
      });
      await expect(call).rejects.toMatchObject({ kind: "cancelled" });
      expect(claude.requests).toHaveLength(0);
      expect(calls).toHaveLength(0);
    });
  });

  it("lets a consumer's own error through unretried (it is not the model's fault)", async () => {
    const { calls, record } = recorder();
    const bug = new Error("the room's emitter broke");
    const call = streamWithFallback(
      chain(),
      chatRequest(),
      {
        onText: () => {
          throw bug;
        },
      },
      { record, sleep: fakeSleep().sleep },
    );

    await expect(call).rejects.toBe(bug);
    expect(calls).toEqual([
      expect.objectContaining({ provider: "anthropic", status: "ERROR", error: "consumer: the room's emitter broke" }),
    ]);
    expect(gpt.requests).toHaveLength(0);
  });
});
