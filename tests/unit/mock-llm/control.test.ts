import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type MockLlmServer, type RecordedRequest, startMockLlmServer } from "../../mock-llm/server";
import { anthropicDriver, openAiClient, openAiDriver, userSays } from "./clients";

const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** Calls the control API of the server at `baseUrl`. */
async function control(baseUrl: string, method: "GET" | "POST", route: string, body?: unknown) {
  const response = await fetch(`${baseUrl}/__mock/${route}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

describe("control API (in process)", () => {
  let server: MockLlmServer;

  beforeAll(async () => {
    server = await startMockLlmServer();
  });
  afterEach(() => server.reset());
  afterAll(() => server.close());

  it("enqueues faults, with an optional repeat count", async () => {
    expect(await control(server.url, "POST", "fault", { type: "server_error", times: 2 })).toMatchObject({
      status: 200,
      body: { ok: true, queued: 2 },
    });
    await expect(openAiDriver.complete(server)).rejects.toMatchObject({ status: 500 });
    await expect(anthropicDriver.complete(server)).rejects.toMatchObject({ status: 500 });
    await expect(openAiDriver.complete(server)).resolves.toMatch(/^Mock interviewer reply/);
  });

  it("enqueues one-shot replies", async () => {
    await control(server.url, "POST", "reply", { text: "Scripted over HTTP." });
    expect(await anthropicDriver.complete(server)).toBe("Scripted over HTTP.");
    expect(await anthropicDriver.complete(server)).toMatch(/^Mock interviewer reply/);
  });

  it("lists recorded requests, without recording control calls", async () => {
    await openAiClient(server).chat.completions.create({ model: "gpt-4o-mini", messages: userSays("hello") });

    const { body } = await control(server.url, "GET", "requests");
    const requests = body as RecordedRequest[];
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      provider: "openai",
      model: "gpt-4o-mini",
      apiKey: "sk-test-mock",
      status: 200,
    });
  });

  it("resets requests, queues and timing", async () => {
    await control(server.url, "POST", "reply", { text: "never used" });
    await control(server.url, "POST", "config", { ttftMs: 5 });
    await openAiDriver.complete(server, {}, { headers: { "x-mock-fault": "server_error" } }).catch(() => undefined);

    expect(await control(server.url, "POST", "reset")).toEqual({ status: 200, body: { ok: true } });
    expect(server.requests).toHaveLength(0);
    expect(server.timing.ttftMs).toBe(0);
    expect(await openAiDriver.complete(server)).toMatch(/^Mock interviewer reply/);
  });

  it("changes timing with config", async () => {
    expect(await control(server.url, "POST", "config", { ttftMs: 30, tokensPerSecond: 10 })).toMatchObject({
      body: { timing: { ttftMs: 30, tokensPerSecond: 10 } },
    });
    expect(server.timing).toEqual({ ttftMs: 30, tokensPerSecond: 10 });
  });

  it("answers 400 for invalid control bodies and 404 for unknown routes", async () => {
    expect(await control(server.url, "POST", "fault", { type: "explode" })).toMatchObject({ status: 400 });
    expect(await control(server.url, "POST", "reply", { words: "no text" })).toMatchObject({ status: 400 });
    expect(await control(server.url, "POST", "config", { ttftMs: -1 })).toMatchObject({ status: 400 });
    expect(await control(server.url, "GET", "nothing-here")).toMatchObject({ status: 404 });
  });

  it("is not served when controlApi is false", async () => {
    const plain = await startMockLlmServer({ controlApi: false });
    try {
      const response = await fetch(`${plain.url}/__mock/requests`);
      expect(response.status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});

describe("CLI (scripts/mock-llm.ts)", () => {
  let child: ChildProcess | undefined;

  afterEach(async () => {
    if (child?.exitCode === null) {
      child.kill("SIGTERM");
      await once(child, "exit");
    }
  });

  /** Starts the CLI and resolves with the URL from its first stdout line. */
  async function startCli(args: string[]): Promise<string> {
    const cli = spawn("node_modules/.bin/tsx", ["scripts/mock-llm.ts", ...args], { cwd: REPO_ROOT });
    child = cli;
    let output = "";
    cli.stdout.setEncoding("utf8");
    for await (const text of cli.stdout) {
      output += String(text);
      const newline = output.indexOf("\n");
      if (newline >= 0) return (JSON.parse(output.slice(0, newline)) as { url: string }).url;
    }
    throw new Error(`CLI exited before printing its URL (exit code ${cli.exitCode})`);
  }

  it("prints its URL as JSON, serves both SDKs, obeys the control API and stops on SIGTERM", async () => {
    const url = await startCli(["--port", "0", "--ttft-ms", "20", "--tokens-per-second", "0"]);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const remote = { url }; // an out-of-process server is reached exactly like an in-process one

    await control(url, "POST", "reply", { text: "From the CLI." });
    expect(await openAiDriver.complete(remote)).toBe("From the CLI.");
    await control(url, "POST", "fault", { type: "rate_limit", retryAfterSeconds: 2 });
    await expect(anthropicDriver.complete(remote)).rejects.toMatchObject({ status: 429 });

    const { body } = await control(url, "GET", "requests");
    expect((body as RecordedRequest[]).map((request) => [request.provider, request.status])).toEqual([
      ["openai", 200],
      ["anthropic", 429],
    ]);

    child?.kill("SIGTERM");
    const [exitCode] = (await once(child as ChildProcess, "exit")) as [number | null];
    expect(exitCode).toBe(0);
  }, 30_000);

  it("rejects a bad flag value with a usage message", async () => {
    const cli = spawn("node_modules/.bin/tsx", ["scripts/mock-llm.ts", "--ttft-ms", "soon"], { cwd: REPO_ROOT });
    child = cli;
    let stderr = "";
    cli.stderr.setEncoding("utf8");
    cli.stderr.on("data", (text: string) => (stderr += text));

    const [exitCode] = (await once(cli, "exit")) as [number | null];
    expect(exitCode).toBe(1);
    expect(stderr).toMatch(/--ttft-ms must be a number/);
  }, 30_000);
});
