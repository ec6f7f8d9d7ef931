import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";
import { llmConfigFromEnv, LlmConfigError } from "@/lib/llm/config";

describe("model configuration from the environment", () => {
  it("configures nothing without keys, with the documented default models", () => {
    const env = parseEnv({});
    expect(env.ANTHROPIC_MODEL).toBe("claude-sonnet-4-6");
    expect(env.OPENAI_MODEL).toBe("gpt-5-mini");
    expect(llmConfigFromEnv(env)).toMatchObject({ anthropic: null, openai: null, openaiCompatible: null });
  });

  it("treats empty strings as unset", () => {
    const env = parseEnv({ ANTHROPIC_API_KEY: "", OPENAI_BASE_URL: "", LLM_MAX_RETRIES: "" });
    expect(llmConfigFromEnv(env)).toMatchObject({ anthropic: null, call: { maxRetries: undefined } });
  });

  it("configures each provider from its variables", () => {
    const config = llmConfigFromEnv(
      parseEnv({
        ANTHROPIC_API_KEY: "sk-ant",
        ANTHROPIC_BASE_URL: "https://gateway.example.com",
        OPENAI_API_KEY: "sk-oai",
        OPENAI_MODEL: "gpt-5",
        OPENAI_COMPATIBLE_BASE_URL: "http://localhost:11434/v1",
        OPENAI_COMPATIBLE_MODEL: "llama3.1",
        LLM_FIRST_TOKEN_TIMEOUT_MS: "8000",
        LLM_MAX_RETRIES: "1",
      }),
    );
    expect(config).toMatchObject({
      anthropic: { apiKey: "sk-ant", baseURL: "https://gateway.example.com", model: "claude-sonnet-4-6" },
      openai: { apiKey: "sk-oai", model: "gpt-5" },
      openaiCompatible: { baseURL: "http://localhost:11434/v1", model: "llama3.1", apiKey: undefined },
      call: { firstTokenTimeoutMs: 8000, maxRetries: 1 },
    });
  });

  it("rejects base URLs that are not http(s) URLs, naming the variable", () => {
    expect(() => parseEnv({ ANTHROPIC_BASE_URL: "not a url" })).toThrow(EnvError);
    expect(() => parseEnv({ OPENAI_COMPATIBLE_BASE_URL: "ftp://models.local" })).toThrow(
      /OPENAI_COMPATIBLE_BASE_URL: must be an http\(s\) URL/,
    );
  });

  it("rejects a malformed LLM_DEFAULT_MODEL and out-of-range numbers", () => {
    expect(() => parseEnv({ LLM_DEFAULT_MODEL: "claude" })).toThrow(
      /LLM_DEFAULT_MODEL: must be offline, anthropic:<model>/,
    );
    expect(() => parseEnv({ LLM_MAX_RETRIES: "-1" })).toThrow(/LLM_MAX_RETRIES/);
    expect(() => parseEnv({ LLM_FIRST_TOKEN_TIMEOUT_MS: "soon" })).toThrow(/LLM_FIRST_TOKEN_TIMEOUT_MS/);
  });

  it("refuses a self-hosted server without a model name", () => {
    const env = parseEnv({ OPENAI_COMPATIBLE_BASE_URL: "http://localhost:11434/v1" });
    expect(() => llmConfigFromEnv(env)).toThrow(LlmConfigError);
    expect(() => llmConfigFromEnv(env)).toThrow(/OPENAI_COMPATIBLE_MODEL/);
  });
});
