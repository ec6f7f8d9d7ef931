/** Mutable state of one mock server: timing, scripted replies and faults, the prompt cache, the request log. */
import type { IncomingMessage } from "node:http";
import { PromptCache } from "./prompt-cache";
import { defaultReply } from "./text";
import type { MockFault, MockReplyFn, MockReplyRequest, MockTiming, RecordedRequest } from "./types";

/** Request headers copied into the log: enough to assert on SDK identity, versions, retries and mock controls. */
const RECORDED_HEADERS = [
  "content-type",
  "user-agent",
  "anthropic-version",
  "anthropic-beta",
  "openai-organization",
  "openai-project",
  "x-stainless-retry-count",
  "x-stainless-timeout",
];

export class MockState {
  timing: MockTiming;
  readonly requests: RecordedRequest[] = [];
  readonly promptCache = new PromptCache();
  private replyFn: MockReplyFn;
  private readonly replyQueue: MockReplyFn[] = [];
  private readonly faultQueue: MockFault[] = [];
  private requestCounter = 0;

  constructor(private readonly initial: { timing: MockTiming; reply: MockReplyFn | undefined }) {
    this.timing = { ...initial.timing };
    this.replyFn = initial.reply ?? defaultReply;
  }

  enqueueFault(fault: MockFault, times = 1): void {
    for (let i = 0; i < times; i += 1) this.faultQueue.push(fault);
  }

  nextFault(): MockFault | null {
    return this.faultQueue.shift() ?? null;
  }

  enqueueReply(reply: string | MockReplyFn, times = 1): void {
    const replyFn = typeof reply === "string" ? () => reply : reply;
    for (let i = 0; i < times; i += 1) this.replyQueue.push(replyFn);
  }

  setReply(reply: MockReplyFn | null): void {
    this.replyFn = reply ?? defaultReply;
  }

  /** The next reply text: a queued one-shot reply first, else the reply function. */
  nextReplyText(request: MockReplyRequest): string {
    const replyFn = this.replyQueue.shift() ?? this.replyFn;
    return replyFn(request);
  }

  /** Starts a log entry for an incoming request; handlers fill in the rest as they learn it. */
  record(req: IncomingMessage, path: string): RecordedRequest {
    this.requestCounter += 1;
    const entry: RecordedRequest = {
      id: `req_${this.requestCounter}`,
      provider: null,
      method: req.method ?? "GET",
      path,
      model: null,
      apiKey: null,
      headers: recordedHeaders(req),
      body: null,
      stream: false,
      fault: null,
      status: null,
      outcome: "pending",
      receivedAt: Date.now(),
      firstChunkAt: null,
      completedAt: null,
    };
    this.requests.push(entry);
    return entry;
  }

  /** Marks requests still in flight as ended by the server shutting down. */
  markPendingAsServerClosed(): void {
    for (const request of this.requests) {
      if (request.outcome !== "pending") continue;
      request.outcome = "server_closed";
      request.completedAt ??= Date.now();
    }
  }

  reset(): void {
    this.timing = { ...this.initial.timing };
    this.replyFn = this.initial.reply ?? defaultReply;
    this.requests.length = 0;
    this.replyQueue.length = 0;
    this.faultQueue.length = 0;
    this.promptCache.clear();
  }
}

function recordedHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (RECORDED_HEADERS.includes(name) || name.startsWith("x-mock-")) {
      headers[name] = Array.isArray(value) ? value.join(", ") : value;
    }
  }
  return headers;
}
