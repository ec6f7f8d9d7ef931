import { describe, expect, it } from "vitest";
import { LlmError } from "@/lib/llm/errors";
import { createOfflineProvider } from "@/lib/llm/providers/offline";
import { chatRequest } from "./support";

describe("offline provider", () => {
  it("streams req.offlineText word by word, free", async () => {
    const deltas: string[] = [];
    const result = await createOfflineProvider({ delayMs: 1 }).streamChat(
      chatRequest({ offlineText: "What are the main requirements?" }),
      (delta) => deltas.push(delta),
    );

    expect(deltas).toEqual(["What ", "are ", "the ", "main ", "requirements?"]);
    expect(result).toMatchObject({
      text: "What are the main requirements?",
      provider: "offline",
      model: "offline",
      costUsd: 0,
    });
    expect(result.usage).toEqual({ inputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 0 });
  });

  it("fails clearly, as a non-retryable bad request, when the engine gave no offline text", async () => {
    const call = createOfflineProvider().streamChat(
      chatRequest({ offlineText: undefined, purpose: "judge" }),
      () => {},
    );
    await expect(call).rejects.toBeInstanceOf(LlmError);
    await expect(call).rejects.toMatchObject({
      kind: "bad_request",
      retryable: false,
      message: expect.stringMatching(/offlineText.*judge/),
    });
  });

  it("stops when aborted", async () => {
    const controller = new AbortController();
    const deltas: string[] = [];
    const call = createOfflineProvider({ delayMs: 20 }).streamChat(
      chatRequest({ offlineText: "one two three four five six", signal: controller.signal }),
      (delta) => {
        deltas.push(delta);
        if (deltas.length === 2) controller.abort();
      },
    );
    await expect(call).rejects.toMatchObject({ name: "AbortError" });
    expect(deltas).toEqual(["one ", "two "]);
  });
});
