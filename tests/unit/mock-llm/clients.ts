/** Official SDK clients pointed at a mock server, configured for fast, deterministic tests. */
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import type { MockLlmServer } from "../../mock-llm/server";

/** Anything with a base URL: an in-process MockLlmServer, or `{ url }` of one started by the CLI. */
export type MockEndpoint = Pick<MockLlmServer, "url">;

export const TEST_API_KEY = "sk-test-mock";

/** Timers may fire up to a millisecond early against performance.now() (libuv truncates its clock to ms). */
export const TIMER_SLACK_MS = 2;

type OpenAiOptions = ConstructorParameters<typeof OpenAI>[0];
type AnthropicOptions = ConstructorParameters<typeof Anthropic>[0];

export function openAiClient(server: MockEndpoint, options: OpenAiOptions = {}): OpenAI {
  return new OpenAI({
    apiKey: TEST_API_KEY,
    baseURL: `${server.url}/v1`,
    maxRetries: 0,
    timeout: 5_000,
    logLevel: "off", // fault tests make the SDK log parse errors on purpose
    ...options,
  });
}

export function anthropicClient(server: MockEndpoint, options: AnthropicOptions = {}): Anthropic {
  return new Anthropic({
    apiKey: TEST_API_KEY,
    baseURL: server.url,
    maxRetries: 0,
    timeout: 5_000,
    logLevel: "off",
    ...options,
  });
}

/** A one-message user conversation. */
export function userSays(text: string): Array<{ role: "user"; content: string }> {
  return [{ role: "user", content: text }];
}

/** Options common to both SDKs that the provider-agnostic tests vary. */
export interface CommonClientOptions {
  timeout?: number;
  maxRetries?: number;
}

export interface CommonRequestOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/**
 * One provider's SDK behind a common face, so fault and timing tests run the same cases on both.
 * `stream` calls `onDelta` with each non-empty text delta as it arrives (so a test can inspect
 * partial output after a failure, or time arrivals) and resolves with the whole text.
 */
export interface ProviderDriver {
  provider: "openai" | "anthropic";
  complete(server: MockEndpoint, client?: CommonClientOptions, request?: CommonRequestOptions): Promise<string>;
  stream(
    server: MockEndpoint,
    onDelta?: (text: string) => void,
    client?: CommonClientOptions,
    request?: CommonRequestOptions,
  ): Promise<string>;
  errors: typeof OpenAI | typeof Anthropic;
  /** The error `type` each SDK exposes for a 429. */
  rateLimitType: string;
  /** Status of the `overloaded` fault: Anthropic's 529, OpenAI's 503. */
  overloadedStatus: number;
}

export const openAiDriver: ProviderDriver = {
  provider: "openai",
  async complete(server, client, request) {
    const completion = await openAiClient(server, client).chat.completions.create(
      { model: "gpt-4o-mini", messages: userSays("Design a feed") },
      request,
    );
    return completion.choices[0]?.message.content ?? "";
  },
  async stream(server, onDelta = () => {}, client, request) {
    let text = "";
    const stream = await openAiClient(server, client).chat.completions.create(
      { model: "gpt-4o-mini", messages: userSays("Design a feed"), stream: true },
      request,
    );
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta.content;
      if (!delta) continue;
      text += delta;
      onDelta(delta);
    }
    return text;
  },
  errors: OpenAI,
  rateLimitType: "requests",
  overloadedStatus: 503,
};

export const anthropicDriver: ProviderDriver = {
  provider: "anthropic",
  async complete(server, client, request) {
    const message = await anthropicClient(server, client).messages.create(
      { model: "claude-sonnet-4-6", max_tokens: 256, messages: userSays("Design a feed") },
      request,
    );
    return message.content.map((block) => (block.type === "text" ? block.text : "")).join("");
  },
  async stream(server, onDelta = () => {}, client, request) {
    let text = "";
    const stream = await anthropicClient(server, client).messages.create(
      { model: "claude-sonnet-4-6", max_tokens: 256, messages: userSays("Design a feed"), stream: true },
      request,
    );
    for await (const event of stream) {
      if (event.type !== "content_block_delta" || event.delta.type !== "text_delta") continue;
      text += event.delta.text;
      onDelta(event.delta.text);
    }
    return text;
  },
  errors: Anthropic,
  rateLimitType: "rate_limit_error",
  overloadedStatus: 529,
};

export const DRIVERS = [openAiDriver, anthropicDriver];
