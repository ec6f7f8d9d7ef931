import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type MockLlmServer, startMockLlmServer } from "../../mock-llm/server";
import { DRIVERS } from "./clients";

let server: MockLlmServer;

beforeAll(async () => {
  server = await startMockLlmServer();
});
afterEach(() => server.reset());
afterAll(() => server.close());

/** A reply long enough that cut and malformed faults land mid-stream. */
const LONG_REPLY = "one two three four five six seven eight nine ten eleven twelve";

describe.each(DRIVERS)("faults as the $provider SDK sees them", (driver) => {
  describe("rate_limit", () => {
    it("gives a 429 RateLimitError with retry-after when retries are off", async () => {
      server.enqueueFault({ type: "rate_limit", retryAfterSeconds: 7 });

      const error = await driver.complete(server).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(driver.errors.RateLimitError);
      expect(error).toMatchObject({ status: 429, type: driver.rateLimitType });
      expect((error as InstanceType<typeof driver.errors.RateLimitError>).headers.get("retry-after")).toBe("7");
      expect(server.requests[0]).toMatchObject({
        status: 429,
        outcome: "error_response",
        fault: { type: "rate_limit" },
      });
    });

    it("is retried by the SDK after retry-after, and the retry succeeds", async () => {
      server.enqueueFault({ type: "rate_limit", retryAfterSeconds: 0.05 });
      server.enqueueReply("after the retry", 2);

      expect(await driver.complete(server, { maxRetries: 1 })).toBe("after the retry");
      expect(server.requests.map((request) => request.status)).toEqual([429, 200]);
      expect(server.requests[1]?.headers["x-stainless-retry-count"]).toBe("1");
    });
  });

  it("server_error gives a 500 InternalServerError", async () => {
    server.enqueueFault({ type: "server_error" });
    const request = driver.complete(server);
    await expect(request).rejects.toBeInstanceOf(driver.errors.InternalServerError);
    await expect(request).rejects.toMatchObject({ status: 500 });
  });

  it("overloaded gives the provider's overloaded status", async () => {
    server.enqueueFault({ type: "overloaded" });
    await expect(driver.complete(server)).rejects.toMatchObject({ status: driver.overloadedStatus });
  });

  it("applies queued faults to the next N requests only", async () => {
    server.enqueueFault({ type: "server_error" }, 2);
    await expect(driver.complete(server)).rejects.toMatchObject({ status: 500 });
    await expect(driver.complete(server)).rejects.toMatchObject({ status: 500 });
    await expect(driver.complete(server)).resolves.toMatch(/^Mock interviewer reply/);
  });

  it("takes a fault from the x-mock-fault header without touching the queue", async () => {
    server.enqueueFault({ type: "server_error" });
    const request = driver.complete(server, {}, { headers: { "x-mock-fault": "rate_limit:3" } });

    await expect(request).rejects.toMatchObject({ status: 429, headers: expect.any(Headers) });
    expect(((await request.catch((error: unknown) => error)) as { headers: Headers }).headers.get("retry-after")).toBe(
      "3",
    );
    await expect(driver.complete(server)).rejects.toMatchObject({ status: 500 });
  });

  describe("hang", () => {
    it("ends in the client's timeout (non-streaming)", async () => {
      server.enqueueFault({ type: "hang" });
      const request = driver.complete(server, { timeout: 200 });
      await expect(request).rejects.toBeInstanceOf(driver.errors.APIConnectionTimeoutError);
      expect(server.requests[0]?.outcome).toBe("hung");
    });

    it("ends in the client's timeout (streaming: no headers ever arrive)", async () => {
      server.enqueueFault({ type: "hang" });
      await expect(driver.stream(server, undefined, { timeout: 200 })).rejects.toBeInstanceOf(
        driver.errors.APIConnectionTimeoutError,
      );
    });

    it("ends when the client aborts, and the server notices the disconnect", async () => {
      server.enqueueFault({ type: "hang" });
      const controller = new AbortController();
      const request = driver.complete(server, {}, { signal: controller.signal });
      await vi.waitFor(() => expect(server.requests).toHaveLength(1));
      controller.abort();

      await expect(request).rejects.toBeInstanceOf(driver.errors.APIUserAbortError);
      await vi.waitFor(() => expect(server.requests[0]?.completedAt).not.toBeNull());
    });
  });

  describe("malformed", () => {
    it("non-streaming: a 200 whose JSON body does not parse makes the SDK throw", async () => {
      server.enqueueFault({ type: "malformed" });
      await expect(driver.complete(server)).rejects.toThrow();
      expect(server.requests[0]).toMatchObject({ status: 200, outcome: "malformed" });
    });

    it("streaming: a garbage SSE event mid-stream makes the SDK stream throw after partial text", async () => {
      server.enqueueFault({ type: "malformed" });
      server.enqueueReply(LONG_REPLY);
      const deltas: string[] = [];

      await expect(driver.stream(server, (text) => deltas.push(text))).rejects.toThrow(SyntaxError);
      expect(deltas.length).toBeGreaterThan(0);
      expect(LONG_REPLY.startsWith(deltas.join(""))).toBe(true);
      expect(deltas.join("")).not.toBe(LONG_REPLY);
    });
  });

  describe("cut", () => {
    it("streaming: the stream throws after exactly afterChunks chunks of text", async () => {
      server.enqueueFault({ type: "cut", afterChunks: 3 });
      server.enqueueReply(LONG_REPLY);
      const deltas: string[] = [];

      await expect(driver.stream(server, (text) => deltas.push(text))).rejects.toThrow();
      expect(deltas).toEqual(["one ", "two ", "three "]);
      expect(server.requests[0]?.outcome).toBe("cut");
    });

    it("non-streaming: the dropped connection is an APIConnectionError", async () => {
      server.enqueueFault({ type: "cut" });
      await expect(driver.complete(server)).rejects.toBeInstanceOf(driver.errors.APIConnectionError);
    });
  });
});

describe("closing the server", () => {
  it("destroys hanging sockets so close() resolves and the client sees a connection error", async () => {
    const doomed = await startMockLlmServer();
    doomed.enqueueFault({ type: "hang" });
    const [driver] = DRIVERS;
    if (driver === undefined) throw new Error("no drivers");
    const request = driver.complete(doomed, { timeout: 10_000 });
    await vi.waitFor(() => expect(doomed.requests).toHaveLength(1));

    await doomed.close();

    await expect(request).rejects.toBeInstanceOf(driver.errors.APIConnectionError);
    expect(doomed.requests[0]?.outcome).toBe("hung");
  });

  it("stops an in-flight stream and records it as server_closed", async () => {
    const doomed = await startMockLlmServer({ tokensPerSecond: 20 });
    const [, driver] = DRIVERS;
    if (driver === undefined) throw new Error("no drivers");
    const deltas: string[] = [];
    const request = driver.stream(doomed, (text) => deltas.push(text));
    await vi.waitFor(() => expect(deltas.length).toBeGreaterThan(0));

    await doomed.close();

    await expect(request).rejects.toThrow();
    expect(doomed.requests[0]?.outcome).toBe("server_closed");
  });
});
