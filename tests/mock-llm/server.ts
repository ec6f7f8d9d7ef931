/**
 * A local mock LLM server speaking the OpenAI (POST /v1/chat/completions) and Anthropic
 * (POST /v1/messages) wire protocols, for tests and benchmarks that must not reach real model APIs.
 *
 *   const server = await startMockLlmServer({ ttftMs: 50 });
 *   const openai = new OpenAI({ apiKey: "test", baseURL: `${server.url}/v1` });
 *   const anthropic = new Anthropic({ apiKey: "test", baseURL: server.url });
 *   ...
 *   await server.close();
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { anthropicAdapter } from "./anthropic";
import { CONTROL_PREFIX, handleControl } from "./control";
import { type Exchange, handleGeneration, sendError } from "./generation";
import { headerValue, readBody, sendJson } from "./http";
import { openAiAdapter } from "./openai";
import type { ProviderAdapter } from "./provider";
import { MockState } from "./state";
import type { MockLlmServer, MockLlmServerOptions } from "./types";

export type * from "./types";

export async function startMockLlmServer(options: MockLlmServerOptions = {}): Promise<MockLlmServer> {
  const state = new MockState({
    timing: { ttftMs: options.ttftMs ?? 0, tokensPerSecond: options.tokensPerSecond ?? 0 },
    reply: options.reply,
  });
  const controlApi = options.controlApi ?? true;
  let closing = false;

  const httpServer = createServer((req, res) => {
    void handleRequest(req, res, { state, controlApi, isClosing: () => closing });
  });
  const sockets = trackSockets(httpServer);
  const host = options.host ?? "127.0.0.1";
  const port = await listen(httpServer, options.port ?? 0, host);
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  return {
    url,
    port,
    get requests() {
      return state.requests;
    },
    get timing() {
      return state.timing;
    },
    enqueueFault: (fault, times) => state.enqueueFault(fault, times),
    enqueueReply: (reply, times) => state.enqueueReply(reply, times),
    setReply: (reply) => state.setReply(reply),
    configure: (timing) => Object.assign(state.timing, timing),
    reset: () => state.reset(),
    close: async () => {
      closing = true;
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      // Hanging and streaming requests keep their sockets open; close() would wait for them forever.
      for (const socket of sockets) socket.destroy();
      await closed;
      state.markPendingAsServerClosed();
    },
  };
}

interface ServerContext {
  state: MockState;
  controlApi: boolean;
  isClosing: () => boolean;
}

async function handleRequest(req: IncomingMessage, res: ServerResponse, context: ServerContext): Promise<void> {
  const { state } = context;
  const method = req.method ?? "GET";
  const path = new URL(req.url ?? "/", "http://mock").pathname.replace(/\/+$/, "") || "/";
  res.on("error", () => {}); // writes racing a client disconnect must not crash the server
  const rawBody = await readBody(req).catch(() => "");

  if (context.controlApi && path.startsWith(CONTROL_PREFIX)) return handleControl(method, path, rawBody, res, state);

  const record = state.record(req, path);
  const controller = new AbortController();
  res.on("close", () => {
    if (res.writableFinished) return;
    // The connection went away before the response ended: stop any pending waits for this request.
    controller.abort();
    if (record.outcome === "pending") record.outcome = context.isClosing() ? "server_closed" : "client_closed";
    record.completedAt ??= Date.now();
  });
  const exchange: Exchange = { req, res, record, signal: controller.signal };

  try {
    await route(method, path, exchange, rawBody, state);
  } catch (error) {
    if (controller.signal.aborted) return; // waits reject once the client is gone; nothing left to answer
    const adapter = adapterFor(req, path);
    const message = `mock-llm: ${error instanceof Error ? error.message : String(error)}`;
    if (!res.headersSent) sendError(adapter, exchange, "server_error", message);
    else res.destroy();
  }
}

async function route(
  method: string,
  path: string,
  exchange: Exchange,
  rawBody: string,
  state: MockState,
): Promise<void> {
  const adapter = adapterFor(exchange.req, path);
  if (method === "POST" && path === adapter.generationPath) return handleGeneration(adapter, exchange, state, rawBody);
  if (method === "GET" && (path === "/v1/models" || path.startsWith("/v1/models/"))) {
    return listModels(adapter, exchange, path.slice("/v1/models/".length));
  }
  sendError(adapter, exchange, "not_found", `mock-llm: no route for ${method} ${path}`);
}

/** GET /v1/models (list) or /v1/models/{id} (one); both providers share the path, told apart by headers. */
function listModels(adapter: ProviderAdapter, exchange: Exchange, modelId: string): void {
  const { record, req, res } = exchange;
  record.provider = adapter.provider;
  record.apiKey = adapter.apiKey(req);
  if (record.apiKey === null) return sendError(adapter, exchange, "authentication", "missing API key");
  const body = modelId === "" ? adapter.listModels() : adapter.getModel(decodeURIComponent(modelId));
  sendJson(res, 200, body, adapter.responseHeaders());
  record.status = 200;
  record.outcome = "completed";
  record.completedAt = Date.now();
}

/**
 * The provider whose protocol a request speaks: known from a generation path, otherwise guessed from
 * headers (the Anthropic SDK always sends anthropic-version; the OpenAI SDK never does).
 */
function adapterFor(req: IncomingMessage, path: string): ProviderAdapter {
  const byPath = [openAiAdapter, anthropicAdapter].find((adapter) => adapter.generationPath === path);
  if (byPath !== undefined) return byPath;
  const looksAnthropic =
    headerValue(req, "anthropic-version") !== undefined || headerValue(req, "x-api-key") !== undefined;
  return looksAnthropic ? anthropicAdapter : openAiAdapter;
}

function trackSockets(server: ReturnType<typeof createServer>): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  return sockets;
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
