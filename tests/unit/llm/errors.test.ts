import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type MockFault, type MockLlmServer, startMockLlmServer } from "../../mock-llm/server";
import { classifyError, LlmError, parseRetryAfter } from "@/lib/llm/errors";
import type { LlmProvider } from "@/lib/llm/types";
import { anthropicAt, chatRequest, fetchWithoutCredentials, openAiAt } from "./support";

let server: MockLlmServer;

beforeAll(async () => {
  server = await startMockLlmServer();
});
afterEach(() => server.reset());
afterAll(() => server.close());

/** What the provider threw for a fault, classified. */
async function classified(provider: LlmProvider, fault?: MockFault, signal?: AbortSignal): Promise<LlmError> {
  if (fault) server.enqueueFault(fault);
  server.enqueueReply("one two three four five six seven eight nine ten");
  const thrown = await provider
    .streamChat(chatRequest({ signal }), () => {})
    .then(
      () => {
        throw new Error("expected the call to fail");
      },
      (error: unknown) => error,
    );
  return classifyError(thrown, provider.id);
}

const PROVIDERS = [
  { name: "anthropic", make: anthropicAt, overloadedStatus: 529 },
  { name: "openai", make: openAiAt, overloadedStatus: 503 },
] as const;

describe.each(PROVIDERS)("classifying what the $name SDK throws", ({ make, overloadedStatus }) => {
  it("429 → rate_limit, retryable, with the retry-after in milliseconds", async () => {
    const error = await classified(make(server), { type: "rate_limit", retryAfterSeconds: 1 });
    expect(error).toMatchObject({ kind: "rate_limit", retryable: true, retryAfterMs: 1000, status: 429 });
    expect(error.message).toBe("429 Mock rate limit reached, please retry later.");
  });

  it("500 → server, retryable", async () => {
    expect(await classified(make(server), { type: "server_error" })).toMatchObject({
      kind: "server",
      retryable: true,
      status: 500,
    });
  });

  it(`${overloadedStatus} → overloaded, retryable`, async () => {
    const error = await classified(make(server), { type: "overloaded" });
    expect(error).toMatchObject({ kind: "overloaded", retryable: true, status: overloadedStatus });
  });

  it("401 → auth, not retryable", async () => {
    const error = await classified(make(server, { fetch: fetchWithoutCredentials }));
    expect(error).toMatchObject({ kind: "auth", retryable: false, status: 401 });
  });

  it("garbage mid-stream → malformed, retryable", async () => {
    expect(await classified(make(server), { type: "malformed" })).toMatchObject({ kind: "malformed", retryable: true });
  });

  it("connection cut mid-stream → network, retryable", async () => {
    expect(await classified(make(server), { type: "cut", afterChunks: 3 })).toMatchObject({
      kind: "network",
      retryable: true,
    });
  });

  it("abort → cancelled, not retryable", async () => {
    const controller = new AbortController();
    server.enqueueFault({ type: "hang" });
    const call = make(server).streamChat(chatRequest({ signal: controller.signal }), () => {});
    setTimeout(() => controller.abort(), 20);
    const error = classifyError(await call.catch((caught: unknown) => caught), "openai");
    expect(error).toMatchObject({ kind: "cancelled", retryable: false });
  });
});

describe("classifying other errors", () => {
  it("treats OpenAI's insufficient_quota 429 as not worth retrying", () => {
    const quota = OpenAI.APIError.generate(
      429,
      { error: { message: "You exceeded your current quota", type: "insufficient_quota", code: "insufficient_quota" } },
      undefined,
      new Headers(),
    );
    expect(classifyError(quota, "openai")).toMatchObject({ kind: "rate_limit", retryable: false });
  });

  it("reads the error type of an error event inside a 200 stream (no status)", () => {
    // What the SDK throws for `event: error` mid-stream.
    const body = { type: "error", error: { type: "overloaded_error", message: "Overloaded" } };
    const event = new Anthropic.APIError(undefined, body, undefined, new Headers(), "overloaded_error");
    expect(classifyError(event, "anthropic")).toMatchObject({
      kind: "overloaded",
      retryable: true,
      status: null,
      message: "Overloaded",
    });
  });

  it("maps the SDKs' own timeout and connection errors", () => {
    expect(classifyError(new Anthropic.APIConnectionTimeoutError(), "anthropic").kind).toBe("timeout");
    expect(classifyError(new OpenAI.APIConnectionError({ message: "Connection error." }), "openai").kind).toBe(
      "network",
    );
  });

  it("passes an LlmError through unchanged", () => {
    const error = new LlmError({ kind: "bad_request", provider: "offline", message: "no text" });
    expect(classifyError(error, "openai")).toBe(error);
  });

  it("calls anything unrecognised malformed, keeping the original as the cause", () => {
    const original = new Error("unexpected event shape");
    expect(classifyError(original, "anthropic")).toMatchObject({
      kind: "malformed",
      provider: "anthropic",
      cause: original,
    });
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  const headers = (entries: Record<string, string>) => new Headers(entries);

  it("reads seconds, fractional seconds and HTTP dates", () => {
    expect(parseRetryAfter(headers({ "retry-after": "2" }), now)).toBe(2000);
    expect(parseRetryAfter(headers({ "retry-after": "0.5" }), now)).toBe(500);
    expect(parseRetryAfter(headers({ "retry-after": "Thu, 01 Jan 2026 00:00:07 GMT" }), now)).toBe(7000);
    expect(parseRetryAfter(headers({ "retry-after": "Wed, 31 Dec 2025 23:59:00 GMT" }), now)).toBe(0);
  });

  it("prefers retry-after-ms", () => {
    expect(parseRetryAfter(headers({ "retry-after-ms": "1500", "retry-after": "9" }), now)).toBe(1500);
  });

  it("is null when absent or unreadable", () => {
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter(headers({}), now)).toBeNull();
    expect(parseRetryAfter(headers({ "retry-after": "soon" }), now)).toBeNull();
  });
});
