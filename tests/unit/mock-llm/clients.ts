/** Official SDK clients pointed at a mock server, configured for fast, deterministic tests. */
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import type { MockLlmServer } from "../../mock-llm/server";

export const TEST_API_KEY = "sk-test-mock";

/** Timers may fire up to a millisecond early against performance.now() (libuv truncates its clock to ms). */
export const TIMER_SLACK_MS = 2;

type OpenAiOptions = ConstructorParameters<typeof OpenAI>[0];
type AnthropicOptions = ConstructorParameters<typeof Anthropic>[0];

export function openAiClient(server: MockLlmServer, options: OpenAiOptions = {}): OpenAI {
  return new OpenAI({
    apiKey: TEST_API_KEY,
    baseURL: `${server.url}/v1`,
    maxRetries: 0,
    timeout: 5_000,
    logLevel: "off", // fault tests make the SDK log parse errors on purpose
    ...options,
  });
}

export function anthropicClient(server: MockLlmServer, options: AnthropicOptions = {}): Anthropic {
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
