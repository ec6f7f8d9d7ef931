/** Public types of the mock LLM server (OpenAI + Anthropic wire protocols). */

export type Provider = "openai" | "anthropic";

/**
 * A failure the mock injects instead of (or in the middle of) a normal reply.
 * - rate_limit: 429 with a `retry-after` header and the provider's error body.
 * - server_error: 500 with the provider's error body.
 * - overloaded: Anthropic's 529 `overloaded_error` (OpenAI gets a 503).
 * - hang: the request is accepted and never answered, until the client aborts or the server closes.
 * - malformed: 200 with broken JSON (non-streaming) or a garbage SSE line mid-stream (streaming).
 * - cut: streams `afterChunks` content chunks, then destroys the socket without finishing.
 */
export type MockFault =
  | { type: "rate_limit"; retryAfterSeconds?: number }
  | { type: "server_error" }
  | { type: "overloaded" }
  | { type: "hang" }
  | { type: "malformed" }
  | { type: "cut"; afterChunks?: number };

export type MockFaultType = MockFault["type"];

/** A chat message flattened to plain text, as handed to reply functions. */
export interface MockMessage {
  role: string;
  content: string;
}

/** What the client asked the model to produce. */
export type MockResponseKind = "text" | "json" | "tool";

/** The request as seen by a reply function. */
export interface MockReplyRequest {
  provider: Provider;
  model: string;
  /** System prompt text (Anthropic `system`, or OpenAI system/developer messages joined). */
  system: string;
  /** Non-system messages, text only. */
  messages: MockMessage[];
  /** The parsed JSON request body, untouched. */
  body: Record<string, unknown>;
  /** "json" for response_format json_schema/json_object; "tool" when a tool call is forced. */
  responseKind: MockResponseKind;
  /** Name of the forced tool when responseKind is "tool". */
  toolName: string | null;
}

export type MockReplyFn = (request: MockReplyRequest) => string;

/** Latency model applied to every generation request. */
export interface MockTiming {
  /** Delay before the first content chunk (streaming headers go out immediately). */
  ttftMs: number;
  /** Pace of content chunks after the first; 0 means no delay between chunks. */
  tokensPerSecond: number;
}

export interface MockLlmServerOptions extends Partial<MockTiming> {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** Replaces the default deterministic reply. One-shot replies (enqueueReply) still win. */
  reply?: MockReplyFn;
  /** Serve the /__mock/* control endpoints (default true). */
  controlApi?: boolean;
}

/** How a recorded request ended, from the server's point of view. */
export type MockOutcome =
  "pending" | "completed" | "error_response" | "hung" | "cut" | "malformed" | "client_closed" | "server_closed";

/** One request the mock received. Fields are updated while the response is in flight. */
export interface RecordedRequest {
  /** Sequential id, "req_1", "req_2", ... */
  id: string;
  provider: Provider | null;
  method: string;
  path: string;
  model: string | null;
  /** The key the client sent (x-api-key or Bearer token); null when missing. */
  apiKey: string | null;
  /** A subset of request headers useful in assertions (user agent, versions, mock controls, retry count). */
  headers: Record<string, string>;
  /** Parsed JSON body; null for GET or an unparseable body. */
  body: unknown;
  stream: boolean;
  fault: MockFault | null;
  /** HTTP status sent, null until headers go out (or forever for hang / cut before headers). */
  status: number | null;
  outcome: MockOutcome;
  /** Epoch milliseconds. */
  receivedAt: number;
  /** When the first content chunk was written (non-streaming: when the body was sent). */
  firstChunkAt: number | null;
  /** When the response ended, failed, or the connection closed. */
  completedAt: number | null;
}

export interface MockLlmServer {
  /** Base URL without a path, e.g. "http://127.0.0.1:4010". OpenAI SDK: `${url}/v1`; Anthropic SDK: `url`. */
  readonly url: string;
  readonly port: number;
  /** Every request received since start or the last reset, oldest first. */
  readonly requests: readonly RecordedRequest[];
  /** Current timing; change it with configure(). */
  readonly timing: Readonly<MockTiming>;
  /** Queue `fault` for the next `times` generation requests (default 1). */
  enqueueFault(fault: MockFault, times?: number): void;
  /** Queue a one-shot reply for the next `times` generation requests (default 1). */
  enqueueReply(reply: string | MockReplyFn, times?: number): void;
  /** Replace the reply function used when no one-shot reply is queued; null restores the default. */
  setReply(reply: MockReplyFn | null): void;
  /** Change the server-wide timing. */
  configure(timing: Partial<MockTiming>): void;
  /** Forget requests, queued faults and replies, the prompt cache, and restore the start-up options. */
  reset(): void;
  /** Stop listening and destroy every open socket, including hanging requests. */
  close(): Promise<void>;
}
