/**
 * The provider-neutral pipeline for a generation request: authenticate, parse, apply a fault,
 * choose the reply, then answer as JSON or as a paced SSE stream.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { DEFAULT_CUT_AFTER_CHUNKS, DEFAULT_RETRY_AFTER_SECONDS, parseFaultHeader } from "./faults";
import { headerValue, parseJson, sendJson, sleep, startSse, writeSse } from "./http";
import type { MockErrorKind, PreparedReply, ProviderAdapter } from "./provider";
import type { MockState } from "./state";
import { isRecord } from "./text";
import type { MockFault, MockTiming, RecordedRequest } from "./types";

/** One request/response pair in flight. */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  record: RecordedRequest;
  /** Aborted when the client goes away or the server closes; every wait listens to it. */
  signal: AbortSignal;
}

export async function handleGeneration(
  adapter: ProviderAdapter,
  exchange: Exchange,
  state: MockState,
  rawBody: string,
): Promise<void> {
  const { req, record } = exchange;
  const body = parseJson(rawBody);
  record.provider = adapter.provider;
  record.apiKey = adapter.apiKey(req);
  record.body = body ?? null;

  if (record.apiKey === null) return sendError(adapter, exchange, "authentication", missingKeyMessage(adapter));
  if (!isRecord(body)) return sendError(adapter, exchange, "invalid_request", "the request body is not a JSON object");

  const parsed = adapter.parse(body);
  if (typeof parsed === "string") return sendError(adapter, exchange, "invalid_request", parsed);
  record.model = parsed.model;
  record.stream = parsed.stream;

  const fault = chooseFault(req, state);
  if (typeof fault === "string") return sendError(adapter, exchange, "invalid_request", fault);
  record.fault = fault;
  if (fault !== null && applyFaultBeforeReply(adapter, exchange, fault)) return;

  const prepared = parsed.prepare(state.nextReplyText(parsed.replyRequest), state.promptCache);
  if (typeof prepared === "string") return sendError(adapter, exchange, "invalid_request", prepared);

  const timing = requestTiming(req, state.timing);
  if (parsed.stream) await streamReply(adapter, exchange, prepared, timing, fault);
  else await sendReply(adapter, exchange, prepared, timing, fault);
}

export function sendError(
  adapter: ProviderAdapter,
  exchange: Exchange,
  kind: MockErrorKind,
  message: string,
  headers: Record<string, string> = {},
): void {
  const { status, body } = adapter.error(kind, message);
  sendJson(exchange.res, status, body, { ...adapter.responseHeaders(), ...headers });
  exchange.record.status = status;
  exchange.record.outcome = "error_response";
  exchange.record.completedAt = Date.now();
}

function missingKeyMessage(adapter: ProviderAdapter): string {
  return adapter.provider === "openai"
    ? "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth."
    : "x-api-key header is required";
}

/** A fault from the x-mock-fault header wins (and leaves the queue alone); else the next queued fault. */
function chooseFault(req: IncomingMessage, state: MockState): MockFault | string | null {
  const header = headerValue(req, "x-mock-fault");
  return header === undefined ? state.nextFault() : parseFaultHeader(header);
}

/** Answers faults that replace the reply entirely. Returns true when the request is dealt with. */
function applyFaultBeforeReply(adapter: ProviderAdapter, exchange: Exchange, fault: MockFault): boolean {
  switch (fault.type) {
    case "rate_limit": {
      const seconds = String(fault.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS);
      sendError(adapter, exchange, "rate_limit", "Mock rate limit reached, please retry later.", {
        "retry-after": seconds,
      });
      return true;
    }
    case "server_error":
      sendError(adapter, exchange, "server_error", "The mock server had an error while processing your request.");
      return true;
    case "overloaded":
      sendError(adapter, exchange, "overloaded", "Overloaded");
      return true;
    case "hang":
      // Never answer: the socket stays open until the client aborts or close() destroys it.
      exchange.record.outcome = "hung";
      return true;
    case "malformed":
    case "cut":
      return false;
  }
}

/** Server timing, overridden per request by x-mock-ttft-ms / x-mock-tokens-per-second. */
function requestTiming(req: IncomingMessage, timing: MockTiming): MockTiming {
  return {
    ttftMs: numberHeader(req, "x-mock-ttft-ms") ?? timing.ttftMs,
    tokensPerSecond: numberHeader(req, "x-mock-tokens-per-second") ?? timing.tokensPerSecond,
  };
}

function numberHeader(req: IncomingMessage, name: string): number | undefined {
  const value = Number(headerValue(req, name));
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** Milliseconds between chunks; 0 tokens per second means no pacing at all. */
function chunkIntervalMs(timing: MockTiming): number {
  return timing.tokensPerSecond > 0 ? 1000 / timing.tokensPerSecond : 0;
}

/** Non-streaming: wait as long as generating the whole reply would take, then answer at once. */
async function sendReply(
  adapter: ProviderAdapter,
  exchange: Exchange,
  prepared: PreparedReply,
  timing: MockTiming,
  fault: MockFault | null,
): Promise<void> {
  const { res, record, signal } = exchange;
  const generationMs = Math.max(0, prepared.chunks.length - 1) * chunkIntervalMs(timing);
  await sleep(timing.ttftMs + generationMs, signal);

  if (fault?.type === "cut") return cutConnection(exchange);
  record.firstChunkAt = Date.now();
  if (fault?.type === "malformed") {
    const broken = '{"id": "broken", "choices": [{"message": {"content": "this JSON never ends';
    res.writeHead(200, { ...adapter.responseHeaders(), "content-type": "application/json" });
    res.end(broken);
    finish(record, 200, "malformed");
    return;
  }
  sendJson(res, 200, prepared.jsonBody(), adapter.responseHeaders());
  finish(record, 200, "completed");
}

/**
 * Streaming: headers and the provider's opening events go out at once, content chunks follow after
 * the TTFT delay at `tokensPerSecond`. Chunk i is due at first + i * interval, so pacing does not drift.
 */
async function streamReply(
  adapter: ProviderAdapter,
  exchange: Exchange,
  prepared: PreparedReply,
  timing: MockTiming,
  fault: MockFault | null,
): Promise<void> {
  const { res, record, signal } = exchange;
  const renderer = prepared.sse();
  const { chunks } = prepared;
  const cutBefore = fault?.type === "cut" ? (fault.afterChunks ?? DEFAULT_CUT_AFTER_CHUNKS) : null;
  // Garbage goes mid-stream: after at least one good chunk when there is one.
  const garbageBefore = fault?.type === "malformed" ? Math.max(1, Math.floor(chunks.length / 2)) : null;

  startSse(res, adapter.responseHeaders());
  record.status = 200;
  writeSse(res, renderer.opening());
  await sleep(timing.ttftMs, signal);

  const firstDue = Date.now();
  const interval = chunkIntervalMs(timing);
  for (const [index, chunk] of chunks.entries()) {
    await sleep(firstDue + index * interval - Date.now(), signal);
    if (index === cutBefore) return cutConnection(exchange);
    if (index === garbageBefore) writeSse(res, renderer.garbage());
    writeSse(res, renderer.chunk(chunk, index));
    record.firstChunkAt ??= Date.now();
  }

  if (cutBefore !== null) return cutConnection(exchange);
  if (garbageBefore !== null && garbageBefore >= chunks.length) writeSse(res, renderer.garbage());
  writeSse(res, renderer.closing());
  res.end();
  finish(record, 200, garbageBefore === null ? "completed" : "malformed");
}

/**
 * Drops the TCP connection mid-response, as a crashed upstream or a proxy timeout would. Chunks
 * already written are flushed first (destroying at once would discard them), then the socket is
 * closed without the response's terminating chunk.
 */
function cutConnection(exchange: Exchange): void {
  exchange.record.outcome = "cut";
  exchange.record.completedAt = Date.now();
  const socket = exchange.res.socket;
  if (socket === null) return;
  socket.once("finish", () => socket.destroy());
  socket.end();
}

function finish(record: RecordedRequest, status: number, outcome: RecordedRequest["outcome"]): void {
  record.status = status;
  record.outcome = outcome;
  record.completedAt = Date.now();
}
