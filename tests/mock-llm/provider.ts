/** The contract each wire protocol (OpenAI, Anthropic) implements for the shared request pipeline. */
import type { IncomingMessage } from "node:http";
import type { SseEvent } from "./http";
import type { PromptCache } from "./prompt-cache";
import type { MockReplyRequest, Provider } from "./types";

/** Provider-neutral error categories; each provider maps them to its status code and body shape. */
export type MockErrorKind =
  "authentication" | "invalid_request" | "not_found" | "rate_limit" | "server_error" | "overloaded";

export interface ErrorResponse {
  status: number;
  body: unknown;
}

/** Renders a streamed reply as provider events; the pipeline decides when each call happens. */
export interface SseRenderer {
  /** Events sent right after the headers, before the time-to-first-token delay. */
  opening(): SseEvent[];
  /** Events carrying content chunk number `index`. */
  chunk(text: string, index: number): SseEvent[];
  /** Events that end the stream: stop reason, usage, terminator. */
  closing(): SseEvent[];
  /** An event the SDK will try and fail to parse (the `malformed` fault). */
  garbage(): SseEvent[];
}

/** A reply ready to send, either as one JSON body or as a stream. */
export interface PreparedReply {
  /** Pieces of content streamed one by one (reply text, or tool-call arguments). */
  chunks: string[];
  jsonBody(): unknown;
  sse(): SseRenderer;
}

/** A generation request understood by a provider, before the reply text is chosen. */
export interface ParsedGeneration {
  model: string;
  stream: boolean;
  /** What reply functions see. */
  replyRequest: MockReplyRequest;
  /** Builds the response for `replyText`; returns an error message when the text cannot be used. */
  prepare(replyText: string, cache: PromptCache): PreparedReply | string;
}

export interface ProviderAdapter {
  provider: Provider;
  /** Path of the generation endpoint, e.g. "/v1/chat/completions". */
  generationPath: string;
  /** The API key the request carries, or null when it has none. */
  apiKey(req: IncomingMessage): string | null;
  error(kind: MockErrorKind, message: string): ErrorResponse;
  /** Parses a generation body; returns an error message for requests the real API would reject. */
  parse(body: Record<string, unknown>): ParsedGeneration | string;
  /** Extra headers on every response (request ids). */
  responseHeaders(): Record<string, string>;
  listModels(): unknown;
  getModel(id: string): unknown;
}
