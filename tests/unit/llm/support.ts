/** Shared fixtures for the lib/llm tests: providers pointed at a mock server, and recording fakes. */
import type { MockLlmServer } from "../../mock-llm/server";
import { createAnthropicProvider, type AnthropicProviderOptions } from "@/lib/llm/providers/anthropic";
import { createOpenAiProvider, type OpenAiProviderOptions } from "@/lib/llm/providers/openai";
import type { ChatRequest, LlmCallRecord } from "@/lib/llm/types";

export const TEST_KEY = "sk-test-llm";

export function anthropicAt(server: MockLlmServer, options: Partial<AnthropicProviderOptions> = {}) {
  return createAnthropicProvider({ apiKey: TEST_KEY, baseURL: server.url, model: "claude-sonnet-4-6", ...options });
}

export function openAiAt(server: MockLlmServer, options: Partial<OpenAiProviderOptions> = {}) {
  return createOpenAiProvider({ apiKey: TEST_KEY, baseURL: `${server.url}/v1`, model: "gpt-5-mini", ...options });
}

/** A turn as the interviewer engine would send it. */
export function chatRequest(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return {
    purpose: "interviewer",
    promptRef: "interviewer@1",
    cachedSystem: "You are a system design interviewer. Be concise.",
    dynamicSystem: "Phase: requirements. 40 minutes left.",
    messages: [{ role: "user", content: "Design ChatGPT" }],
    maxTokens: 256,
    offlineText: "Offline reply: what are the main requirements?",
    ...overrides,
  };
}

/** deps.record that keeps every attempt. */
export function recorder() {
  const calls: LlmCallRecord[] = [];
  return { calls, record: async (call: LlmCallRecord) => void calls.push(call) };
}

/** deps.sleep that returns at once and remembers how long it was asked to wait. */
export function fakeSleep() {
  const delays: number[] = [];
  return { delays, sleep: async (ms: number) => void delays.push(ms) };
}

/** A consumer that keeps the visible text the way the interview room does: restart discards it. */
export function consumer() {
  const state = { text: "", deltas: [] as string[], restarts: 0 };
  return {
    state,
    handlers: {
      onText: (delta: string) => {
        state.text += delta;
        state.deltas.push(delta);
      },
      onRestart: () => {
        state.text = "";
        state.restarts += 1;
      },
    },
  };
}

/** fetch that drops the credentials, so the mock answers 401 as the real APIs do for a bad key. */
export const fetchWithoutCredentials: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  headers.delete("authorization");
  headers.delete("x-api-key");
  return fetch(input, { ...init, headers });
};
