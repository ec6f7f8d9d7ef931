/**
 * The mock model server (tests/mock-llm, Anthropic + OpenAI wire protocols) in a process of its own,
 * started with scripts/mock-llm.ts like the e2e suite does, so its work never shares an event loop
 * with the benchmark's clients. Its request log gives the mock's own time to first token per request.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { RecordedRequest } from "@/tests/mock-llm/types";
import { freePort, spawnGroup, type Spawned } from "./processes";

export interface MockProcess {
  url: string;
  process: Spawned;
  /** Every request since start or the last reset (bodies included). */
  requests(): Promise<RecordedRequest[]>;
  reset(): Promise<void>;
  configure(timing: { ttftMs?: number; tokensPerSecond?: number }): Promise<void>;
  stop(): Promise<void>;
}

export async function startMock(timing: { ttftMs: number; tokensPerSecond: number }): Promise<MockProcess> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), "tradeoff-bench-mock-"));
  const spawned = spawnGroup(
    path.join("node_modules", ".bin", "tsx"),
    [
      "scripts/mock-llm.ts",
      "--port",
      String(port),
      "--ttft-ms",
      String(timing.ttftMs),
      "--tokens-per-second",
      String(timing.tokensPerSecond),
    ],
    {},
    path.join(dir, "mock.log"),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (!spawned.output().includes('"url"')) {
    if (Date.now() > deadline) {
      await spawned.stop();
      throw new Error(`the mock LLM server did not start:\n${spawned.output()}`);
    }
    await sleep(100);
  }
  const control = async (route: string, init?: RequestInit) => {
    const response = await fetch(`${url}/__mock/${route}`, init);
    if (!response.ok) throw new Error(`mock ${route}: HTTP ${response.status}`);
    return response.json() as Promise<unknown>;
  };
  const post = (route: string, body: unknown) =>
    control(route, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
  return {
    url,
    process: spawned,
    requests: async () => (await control("requests")) as RecordedRequest[],
    reset: async () => void (await post("reset", {})),
    configure: async (t) => void (await post("config", t)),
    stop: () => spawned.stop(),
  };
}

/** The mock's own time to first token for a request: first content chunk written − request received. */
export function mockTtftMs(request: RecordedRequest): number | null {
  return request.firstChunkAt === null ? null : request.firstChunkAt - request.receivedAt;
}
