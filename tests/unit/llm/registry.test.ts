import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type MockLlmServer, startMockLlmServer } from "../../mock-llm/server";
import { parseEnv } from "@/lib/env";
import { streamWithFallback } from "@/lib/llm/call";
import { llmConfigFromEnv } from "@/lib/llm/config";
import { UnknownModelError } from "@/lib/llm/errors";
import { createLlmRegistry, modelId } from "@/lib/llm/registry";
import { chatRequest, recorder } from "./support";

const registryFrom = (env: Record<string, string>) => createLlmRegistry(llmConfigFromEnv(parseEnv(env)));

const ALL_CONFIGURED = {
  ANTHROPIC_API_KEY: "sk-ant",
  OPENAI_API_KEY: "sk-oai",
  OPENAI_COMPATIBLE_BASE_URL: "http://localhost:11434/v1",
  OPENAI_COMPATIBLE_MODEL: "llama3.1",
};

describe("model registry", () => {
  it("offers only the offline interviewer when no model is configured", () => {
    const registry = registryFrom({});
    expect(registry.options).toEqual([
      { id: "offline", provider: "offline", model: "offline", label: "Offline interviewer (no model)", priced: false },
    ]);
    expect(registry.defaultId).toBe("offline");
    expect(registry.chainFor("offline").map((p) => p.id)).toEqual(["offline"]);
  });

  it("rejects a model id that is not configured, naming the available ones", () => {
    const registry = registryFrom({});
    expect(() => registry.chainFor("anthropic:claude-sonnet-4-6")).toThrow(UnknownModelError);
    expect(() => registry.chainFor("anthropic:claude-sonnet-4-6")).toThrow(/Available: offline\./);
    expect(() => registryFrom(ALL_CONFIGURED).chainFor("openai:gpt-5")).toThrow(UnknownModelError);
  });

  it("offers each configured model, real ones first, and defaults to the first", () => {
    const registry = registryFrom(ALL_CONFIGURED);
    expect(registry.options.map((option) => [option.id, option.priced])).toEqual([
      ["anthropic:claude-sonnet-4-6", true],
      ["openai:gpt-5-mini", true],
      ["openai-compatible:llama3.1", false],
      ["offline", false],
    ]);
    expect(registry.defaultId).toBe("anthropic:claude-sonnet-4-6");
  });

  it("chains the chosen model, then the other configured ones, then offline", () => {
    const registry = registryFrom(ALL_CONFIGURED);
    expect(registry.chainFor("openai:gpt-5-mini").map(modelId)).toEqual([
      "openai:gpt-5-mini",
      "anthropic:claude-sonnet-4-6",
      "openai-compatible:llama3.1",
      "offline",
    ]);
    expect(registry.chainFor("openai-compatible:llama3.1").map(modelId)).toEqual([
      "openai-compatible:llama3.1",
      "anthropic:claude-sonnet-4-6",
      "openai:gpt-5-mini",
      "offline",
    ]);
    // Choosing no model means no model: nothing to fall back from.
    expect(registry.chainFor("offline").map(modelId)).toEqual(["offline"]);
  });

  it("takes the default from LLM_DEFAULT_MODEL, and refuses one that is not configured", () => {
    expect(registryFrom({ ...ALL_CONFIGURED, LLM_DEFAULT_MODEL: "openai:gpt-5-mini" }).defaultId).toBe(
      "openai:gpt-5-mini",
    );
    expect(registryFrom({ ...ALL_CONFIGURED, LLM_DEFAULT_MODEL: "offline" }).defaultId).toBe("offline");
    expect(() => registryFrom({ LLM_DEFAULT_MODEL: "openai:gpt-5-mini" })).toThrow(
      /LLM_DEFAULT_MODEL .*"openai:gpt-5-mini"/,
    );
  });

  it("uses the model names from the environment", () => {
    const registry = registryFrom({ ANTHROPIC_API_KEY: "k", ANTHROPIC_MODEL: "claude-haiku-4-5" });
    expect(registry.options.map((option) => option.id)).toEqual(["anthropic:claude-haiku-4-5", "offline"]);
  });
});

describe("registry providers against the mock server", () => {
  let server: MockLlmServer;
  beforeAll(async () => {
    server = await startMockLlmServer();
  });
  afterEach(() => server.reset());
  afterAll(() => server.close());

  it("call the configured base URLs with the configured keys, through the injected fetch", async () => {
    const fetched: string[] = [];
    const countingFetch: typeof fetch = (input, init) => {
      fetched.push(String(input instanceof Request ? input.url : input));
      return fetch(input, init);
    };
    const env = parseEnv({
      ANTHROPIC_API_KEY: "sk-ant-env",
      ANTHROPIC_BASE_URL: server.url,
      OPENAI_API_KEY: "sk-oai-env",
      OPENAI_BASE_URL: `${server.url}/v1`,
    });
    const registry = createLlmRegistry(llmConfigFromEnv(env), { fetch: countingFetch });
    server.enqueueFault({ type: "server_error" }, 1);
    const { calls, record } = recorder();

    const result = await streamWithFallback(
      registry.chainFor(registry.defaultId),
      chatRequest(),
      { onText: () => {} },
      { record },
      { maxRetries: 0 },
    );

    expect(result.provider).toBe("openai");
    expect(server.requests.map((request) => [request.provider, request.apiKey])).toEqual([
      ["anthropic", "sk-ant-env"],
      ["openai", "sk-oai-env"],
    ]);
    expect(fetched).toEqual([`${server.url}/v1/messages`, `${server.url}/v1/chat/completions`]);
    expect(calls.map((call) => call.status)).toEqual(["ERROR", "OK"]);
  });
});
