import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type MockLlmServer, startMockLlmServer } from "../../mock-llm/server";
import { costOf } from "@/lib/llm/pricing";
import { createOpenAiCompatibleProvider } from "@/lib/llm/providers/openai-compatible";
import { chatRequest } from "./support";

let server: MockLlmServer;

beforeAll(async () => {
  server = await startMockLlmServer();
});
afterEach(() => server.reset());
afterAll(() => server.close());

const selfHosted = (apiKey?: string) =>
  createOpenAiCompatibleProvider({ baseURL: `${server.url}/v1`, model: "llama3.1", apiKey });

describe("OpenAI-compatible provider (Ollama, vLLM, LM Studio)", () => {
  it("streams the reply in several deltas from the configured base URL", async () => {
    const reply = "Let us size the GPU fleet before anything else.";
    server.enqueueReply(reply);
    const deltas: string[] = [];

    const result = await selfHosted().streamChat(chatRequest({ temperature: 0.4 }), (delta) => deltas.push(delta));

    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join("")).toBe(reply);
    expect(result).toMatchObject({ provider: "openai-compatible", model: "llama3.1", text: reply });
    expect(server.requests[0]?.model).toBe("llama3.1");
  });

  it("uses max_tokens and keeps temperature, which local servers understand", async () => {
    await selfHosted().streamChat(chatRequest({ temperature: 0.4 }), () => {});
    const body = server.requests[0]?.body as Record<string, unknown>;
    expect(body).toMatchObject({ max_tokens: 256, temperature: 0.4 });
    expect(body).not.toHaveProperty("max_completion_tokens");
  });

  it("works without a key, and sends the key when there is one", async () => {
    await selfHosted().streamChat(chatRequest(), () => {});
    await selfHosted("local-secret").streamChat(chatRequest(), () => {});
    expect(server.requests.map((request) => request.status)).toEqual([200, 200]);
    expect(server.requests[1]?.apiKey).toBe("local-secret");
  });

  it("counts tokens but costs nothing we know of: unpriced", async () => {
    const result = await selfHosted().streamChat(chatRequest(), () => {});
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    expect(result.costUsd).toBe(0);
    expect(costOf("openai-compatible", "llama3.1", result.usage)).toEqual({ usd: 0, priced: false });
  });
});
