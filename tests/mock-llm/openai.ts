/** OpenAI Chat Completions wire protocol: POST /v1/chat/completions and GET /v1/models. */
import type { IncomingMessage } from "node:http";
import { headerValue, type SseEvent } from "./http";
import type {
  ErrorResponse,
  MockErrorKind,
  ParsedGeneration,
  PreparedReply,
  ProviderAdapter,
  SseRenderer,
} from "./provider";
import { contentText, estimateTokens, isRecord, makeId, splitIntoChunks } from "./text";
import type { MockMessage, MockResponseKind } from "./types";

const MODELS = ["gpt-4o-mini", "gpt-4.1-mini", "gpt-5-mini"];
const CREATED = 1_700_000_000;

const ERRORS: Record<MockErrorKind, { status: number; type: string; code: string | null }> = {
  authentication: { status: 401, type: "invalid_request_error", code: "invalid_api_key" },
  invalid_request: { status: 400, type: "invalid_request_error", code: null },
  not_found: { status: 404, type: "invalid_request_error", code: "unknown_url" },
  rate_limit: { status: 429, type: "requests", code: "rate_limit_exceeded" },
  server_error: { status: 500, type: "server_error", code: null },
  overloaded: { status: 503, type: "server_error", code: null },
};

/** Everything the response needs from the request, beyond the reply text. */
interface ChatRequest {
  model: string;
  includeUsage: boolean;
  promptTokens: number;
  responseKind: MockResponseKind;
  toolName: string | null;
}

export const openAiAdapter: ProviderAdapter = {
  provider: "openai",
  generationPath: "/v1/chat/completions",

  apiKey(req: IncomingMessage): string | null {
    const match = /^Bearer\s+(.+)$/i.exec(headerValue(req, "authorization") ?? "");
    return match?.[1]?.trim() || null;
  },

  error(kind: MockErrorKind, message: string): ErrorResponse {
    const { status, type, code } = ERRORS[kind];
    return { status, body: { error: { message, type, param: null, code } } };
  },

  parse: parseChatRequest,

  responseHeaders: () => ({ "x-request-id": makeId("req_") }),

  listModels: () => ({ object: "list", data: MODELS.map(modelObject) }),

  getModel: modelObject,
};

function modelObject(id: string): unknown {
  return { id, object: "model", created: CREATED, owned_by: "mock-llm" };
}

function parseChatRequest(body: Record<string, unknown>): ParsedGeneration | string {
  const { model, messages } = body;
  if (typeof model !== "string" || model === "") return "you must provide a model parameter";
  if (!Array.isArray(messages) || messages.length === 0) return "'messages' must be a non-empty array";

  const textMessages = messages.filter(isRecord).map(toMockMessage);
  const isSystem = (message: MockMessage) => message.role === "system" || message.role === "developer";
  const { responseKind, toolName } = requestedOutput(body);
  const streamOptions = isRecord(body.stream_options) ? body.stream_options : {};
  const request: ChatRequest = {
    model,
    includeUsage: streamOptions.include_usage === true,
    promptTokens: estimateTokens(textMessages.map((message) => message.content).join("\n")),
    responseKind,
    toolName,
  };

  return {
    model,
    stream: body.stream === true,
    replyRequest: {
      provider: "openai",
      model,
      system: textMessages
        .filter(isSystem)
        .map((message) => message.content)
        .join("\n\n"),
      messages: textMessages.filter((message) => !isSystem(message)),
      body,
      responseKind,
      toolName,
    },
    prepare: (replyText) => prepareChatReply(request, replyText),
  };
}

function toMockMessage(message: Record<string, unknown>): MockMessage {
  const toolCalls = Array.isArray(message.tool_calls) ? JSON.stringify(message.tool_calls) : "";
  const content = [contentText(message.content), toolCalls].filter((part) => part !== "").join("\n");
  return { role: String(message.role ?? "user"), content };
}

/** A forced tool call ("required" or a named function) wins over response_format. */
function requestedOutput(body: Record<string, unknown>): { responseKind: MockResponseKind; toolName: string | null } {
  const forcedTool = forcedToolName(body.tool_choice, body.tools);
  if (forcedTool !== null) return { responseKind: "tool", toolName: forcedTool };
  const format = isRecord(body.response_format) ? body.response_format.type : undefined;
  const wantsJson = format === "json_schema" || format === "json_object";
  return { responseKind: wantsJson ? "json" : "text", toolName: null };
}

function forcedToolName(toolChoice: unknown, tools: unknown): string | null {
  if (isRecord(toolChoice) && isRecord(toolChoice.function) && typeof toolChoice.function.name === "string") {
    return toolChoice.function.name;
  }
  if (toolChoice === "required" && Array.isArray(tools)) {
    const first: unknown = tools[0];
    if (isRecord(first) && isRecord(first.function) && typeof first.function.name === "string")
      return first.function.name;
  }
  return null;
}

function prepareChatReply(request: ChatRequest, replyText: string): PreparedReply {
  const id = makeId("chatcmpl-");
  const toolCall = request.toolName === null ? null : { id: makeId("call_"), name: request.toolName };
  const completionTokens = estimateTokens(replyText);
  const usage = {
    prompt_tokens: request.promptTokens,
    completion_tokens: completionTokens,
    total_tokens: request.promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
  const finishReason = toolCall === null ? "stop" : "tool_calls";

  const message =
    toolCall === null
      ? { role: "assistant", content: replyText, refusal: null }
      : {
          role: "assistant",
          content: null,
          refusal: null,
          tool_calls: [{ id: toolCall.id, type: "function", function: { name: toolCall.name, arguments: replyText } }],
        };

  return {
    chunks: splitIntoChunks(replyText),
    jsonBody: () => ({
      id,
      object: "chat.completion",
      created: nowSeconds(),
      model: request.model,
      choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
      usage,
      system_fingerprint: "fp_mock",
    }),
    sse: () =>
      chatChunkRenderer({
        id,
        model: request.model,
        includeUsage: request.includeUsage,
        toolCall,
        finishReason,
        usage,
      }),
  };
}

interface ChunkStreamSpec {
  id: string;
  model: string;
  includeUsage: boolean;
  toolCall: { id: string; name: string } | null;
  finishReason: string;
  usage: unknown;
}

/** chat.completion.chunk events: a role delta, content (or tool argument) deltas, finish, usage, [DONE]. */
function chatChunkRenderer(spec: ChunkStreamSpec): SseRenderer {
  const created = nowSeconds();
  let sentRole = false;

  const chunkEvent = (choices: unknown[], usage: unknown = null): SseEvent => ({
    data: JSON.stringify({
      id: spec.id,
      object: "chat.completion.chunk",
      created,
      model: spec.model,
      system_fingerprint: "fp_mock",
      choices,
      // With include_usage every chunk carries `usage: null` except the final usage-only chunk.
      ...(spec.includeUsage ? { usage } : {}),
    }),
  });
  const deltaEvent = (delta: unknown, finishReason: string | null = null): SseEvent =>
    chunkEvent([{ index: 0, delta, logprobs: null, finish_reason: finishReason }]);

  // Real streams open with the assistant role (and, for tool calls, the call's id and name).
  const roleEventOnce = (): SseEvent[] => {
    if (sentRole) return [];
    sentRole = true;
    const { toolCall } = spec;
    if (toolCall === null) return [deltaEvent({ role: "assistant", content: "", refusal: null })];
    const call = { index: 0, id: toolCall.id, type: "function", function: { name: toolCall.name, arguments: "" } };
    return [deltaEvent({ role: "assistant", content: null, tool_calls: [call] })];
  };

  return {
    opening: () => [],
    chunk: (text) => [
      ...roleEventOnce(),
      spec.toolCall === null
        ? deltaEvent({ content: text })
        : deltaEvent({ tool_calls: [{ index: 0, function: { arguments: text } }] }),
    ],
    closing: () => [
      ...roleEventOnce(),
      deltaEvent({}, spec.finishReason),
      ...(spec.includeUsage ? [chunkEvent([], spec.usage)] : []),
      { data: "[DONE]" },
    ],
    garbage: () => [{ data: '{"id": "chatcmpl-broken", "choices": [{"delta": {"content": "cut sh' }],
  };
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
