// Timing assertions are lower bounds only: a loaded CI machine may always be slower, never faster.
import { performance } from "node:perf_hooks";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type MockLlmServer, startMockLlmServer } from "../../mock-llm/server";
import { anthropicClient, DRIVERS, TIMER_SLACK_MS, userSays } from "./clients";

let server: MockLlmServer;

beforeAll(async () => {
  server = await startMockLlmServer();
});
afterEach(() => server.reset());
afterAll(() => server.close());

/** Runs a streaming request and returns when (ms after the call) each text delta arrived. */
async function deltaArrivalTimes(run: (onDelta: () => void) => Promise<string>): Promise<number[]> {
  const started = performance.now();
  const times: number[] = [];
  await run(() => times.push(performance.now() - started));
  return times;
}

describe.each(DRIVERS)("timing with the $provider SDK", (driver) => {
  it("delays the first streamed text by the server's ttftMs", async () => {
    server.configure({ ttftMs: 150 });

    const times = await deltaArrivalTimes((onDelta) => driver.stream(server, onDelta));

    expect(times[0]).toBeGreaterThanOrEqual(150 - TIMER_SLACK_MS);
    const [request] = server.requests;
    expect((request?.firstChunkAt ?? 0) - (request?.receivedAt ?? 0)).toBeGreaterThanOrEqual(150 - TIMER_SLACK_MS);
  });

  it("takes a per-request TTFT from the x-mock-ttft-ms header", async () => {
    const times = await deltaArrivalTimes((onDelta) =>
      driver.stream(server, onDelta, {}, { headers: { "x-mock-ttft-ms": "120" } }),
    );
    expect(times[0]).toBeGreaterThanOrEqual(120 - TIMER_SLACK_MS);
  });

  it("paces chunks at tokensPerSecond", async () => {
    server.configure({ tokensPerSecond: 50 }); // one chunk every 20 ms
    server.enqueueReply("a b c d e f"); // 6 chunks -> at least 5 intervals between first and last

    const times = await deltaArrivalTimes((onDelta) => driver.stream(server, onDelta));

    expect(times).toHaveLength(6);
    // Measured from the call, not from the first delta: a busy client may see the first delta late,
    // which would shrink the first-to-last gap, but it can never see the last one early.
    expect(times.at(-1)).toBeGreaterThanOrEqual(5 * 20 - TIMER_SLACK_MS);
  });

  it("makes a non-streaming reply wait for TTFT plus generation time", async () => {
    server.configure({ ttftMs: 80, tokensPerSecond: 100 });
    server.enqueueReply("a b c d e"); // 80 ms + 4 intervals of 10 ms

    const started = performance.now();
    await driver.complete(server);

    expect(performance.now() - started).toBeGreaterThanOrEqual(80 + 4 * 10 - TIMER_SLACK_MS);
  });
});

describe("timing configuration", () => {
  it("starts from the options, changes with configure() and returns to the options on reset()", async () => {
    const configured = await startMockLlmServer({ ttftMs: 25, tokensPerSecond: 40 });
    try {
      expect(configured.timing).toEqual({ ttftMs: 25, tokensPerSecond: 40 });
      configured.configure({ ttftMs: 0 });
      expect(configured.timing).toEqual({ ttftMs: 0, tokensPerSecond: 40 });
      configured.reset();
      expect(configured.timing).toEqual({ ttftMs: 25, tokensPerSecond: 40 });
    } finally {
      await configured.close();
    }
  });

  it("sends Anthropic's message_start before the TTFT delay ends (headers go out immediately)", async () => {
    server.configure({ ttftMs: 150 });
    const started = performance.now();
    const stream = await anthropicClient(server).messages.create({
      model: "claude-sonnet-4-6",
      max_tokens: 64,
      messages: userSays("hi"),
      stream: true,
    });

    const arrivals: Array<{ type: string; at: number }> = [];
    for await (const event of stream) arrivals.push({ type: event.type, at: performance.now() - started });

    const messageStart = arrivals.find((event) => event.type === "message_start");
    const firstDelta = arrivals.find((event) => event.type === "content_block_delta");
    expect(firstDelta?.at).toBeGreaterThanOrEqual(150 - TIMER_SLACK_MS);
    // An ordering check, not a time bound: the opening event came first and was not held back by the TTFT.
    expect(messageStart?.at).toBeLessThan(firstDelta?.at ?? 0);
  });
});
