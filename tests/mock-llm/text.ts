/** Token estimates, chunking and the default reply: pure helpers shared by both providers. */
import type { MockReplyRequest } from "./types";

/** Rough token estimate used for every usage number: one token per four characters. */
export function estimateTokens(text: string): number {
  return tokensForChars(text.length);
}

export function tokensForChars(chars: number): number {
  return Math.ceil(chars / 4);
}

/**
 * Splits a reply into word-sized chunks ("Hello ", "world. ") whose concatenation is the
 * original text, so streaming clients can be checked for faithful reassembly.
 */
export function splitIntoChunks(text: string): string[] {
  return text.match(/^\s+|\S+\s*/g) ?? [];
}

// Enough words that a default streamed reply arrives in many chunks (useful for cut/malformed faults).
const DEFAULT_REPLY_FILLER =
  "Let's dig into that. Walk me through the main components, where the latency budget goes, " +
  "how you would evaluate quality, and which tradeoffs you would revisit at ten times the traffic.";

/** The deterministic reply used when a test scripts nothing. */
export function defaultReply(request: MockReplyRequest): string {
  const lastUser = [...request.messages].reverse().find((message) => message.role === "user");
  const quoted = (lastUser?.content ?? "").replace(/\s+/g, " ").trim().slice(0, 60);
  const text = `Mock interviewer reply to: ${quoted}. ${DEFAULT_REPLY_FILLER}`;
  // Structured requests need parseable output even when nothing was scripted.
  return request.responseKind === "text" ? text : JSON.stringify({ message: text });
}

/** Parses a JSON object (not array or scalar); null when the text is anything else. */
export function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Text of a message `content` that is either a string or an array of typed blocks. */
export function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.map(blockText).join("\n");
}

/** Text of one content block: its text, or its JSON for non-text blocks (tool calls, images). */
export function blockText(block: unknown): string {
  if (typeof block === "string") return block;
  if (!isRecord(block)) return "";
  if (typeof block.text === "string") return block.text;
  if (block.type === "tool_result") return contentText(block.content);
  if (block.type === "tool_use") return JSON.stringify(block.input ?? {});
  const withoutCacheControl = { ...block };
  delete withoutCacheControl.cache_control;
  return JSON.stringify(withoutCacheControl);
}

let idCounter = 0;

/** A unique-enough id with the provider's prefix ("chatcmpl-", "msg_", "toolu_", "call_"). */
export function makeId(prefix: string): string {
  idCounter += 1;
  return `${prefix}mock${Date.now().toString(36)}${idCounter.toString(36)}`;
}
