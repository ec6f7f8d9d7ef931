/**
 * The benchmarks' HTTP client for the app's interview API, measured from the client's side of the
 * connection (as a browser sees it). Every request goes through `headers()`, so when the server
 * needs a session cookie (accounts, issue 6) it is added in this one place: `setSessionCookie`.
 * Today a loopback request in local mode acts as the local user and needs no cookie.
 */
import { randomUUID } from "node:crypto";

let sessionCookie: string | null = null;

/** `name=value` of a session cookie to send with every request (null: none, local mode). */
export function setSessionCookie(cookie: string | null): void {
  sessionCookie = cookie;
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  return { ...(sessionCookie ? { cookie: sessionCookie } : {}), ...extra };
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    what: string,
  ) {
    super(`${what}: HTTP ${status} ${body.slice(0, 300)}`);
    this.name = "HttpError";
  }
}

export interface StartOptions {
  promptSlug: string;
  frameworkSlug: string;
  durationMinutes: 30 | 45 | 60;
  level: "mid" | "senior" | "staff";
  mode: "interview" | "coach";
  model: string;
}

export async function startInterview(baseUrl: string, options: StartOptions): Promise<string> {
  const response = await fetch(`${baseUrl}/api/interviews`, {
    method: "POST",
    headers: headers({ "content-type": "application/json" }),
    body: JSON.stringify(options),
  });
  const text = await response.text();
  if (response.status !== 201) throw new HttpError(response.status, text, "POST /api/interviews");
  return (JSON.parse(text) as { id: string }).id;
}

export async function getJson<T>(baseUrl: string, route: string): Promise<T> {
  const response = await fetch(`${baseUrl}${route}`, { headers: headers() });
  const text = await response.text();
  if (!response.ok) throw new HttpError(response.status, text, `GET ${route}`);
  return JSON.parse(text) as T;
}

export async function postJson(baseUrl: string, route: string, body: unknown): Promise<Response> {
  return fetch(`${baseUrl}${route}`, {
    method: "POST",
    headers: headers({ "content-type": "application/json" }),
    body: JSON.stringify(body),
  });
}

/** One candidate turn as the client saw it. Times are performance.now() milliseconds. */
export interface TurnTiming {
  clientId: string;
  status: number;
  /** Request sent (fetch called). */
  sentAt: number;
  /** Response headers received. */
  headersAt: number | null;
  /** The `candidate` event (the message is stored) and `reply-start` (the reply row exists, the model is called). */
  candidateAt: number | null;
  replyStartAt: number | null;
  /** The first `delta` event of the interviewer's reply: the first token on screen. */
  firstTokenAt: number | null;
  /** The stream ended. */
  doneAt: number;
  deltas: number;
  replyChars: number;
  /** The reply's final state from `reply-done` ("complete", "failed", …), null when none came. */
  replyStatus: string | null;
  /** An `error` event, a non-2xx answer or a broken stream. */
  error: string | null;
}

/**
 * POST /api/interviews/:id/messages and reads the server-sent events to the end: `candidate`, then
 * `reply-start`, `delta`…, `reply-done` (or `error`).
 */
export async function sendMessage(baseUrl: string, interviewId: string, content: string): Promise<TurnTiming> {
  const clientId = randomUUID();
  const sentAt = performance.now();
  const timing: TurnTiming = {
    clientId,
    status: 0,
    sentAt,
    headersAt: null,
    candidateAt: null,
    replyStartAt: null,
    firstTokenAt: null,
    doneAt: sentAt,
    deltas: 0,
    replyChars: 0,
    replyStatus: null,
    error: null,
  };
  try {
    const response = await fetch(`${baseUrl}/api/interviews/${interviewId}/messages`, {
      method: "POST",
      headers: headers({ "content-type": "application/json", accept: "text/event-stream" }),
      body: JSON.stringify({ clientId, content }),
    });
    timing.headersAt = performance.now();
    timing.status = response.status;
    if (!response.ok || !response.body) {
      timing.error = `HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`;
      return timing;
    }
    const decoder = new TextDecoder();
    let buffer = "";
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      let end = buffer.indexOf("\n\n");
      while (end >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf("\n\n");
        const data = frame
          .split("\n")
          .filter((line) => line.startsWith("data: "))
          .map((line) => line.slice(6))
          .join("\n");
        if (data === "") continue;
        const event = JSON.parse(data) as { type: string; text?: string; message?: { status?: string } | string };
        if (event.type === "delta") {
          timing.firstTokenAt ??= performance.now();
          timing.deltas += 1;
          timing.replyChars += event.text?.length ?? 0;
        } else if (event.type === "candidate") {
          timing.candidateAt ??= performance.now();
        } else if (event.type === "reply-start") {
          timing.replyStartAt ??= performance.now();
        } else if (event.type === "restart") {
          timing.replyChars = 0;
        } else if (event.type === "reply-done" && typeof event.message === "object") {
          timing.replyStatus = event.message.status ?? null;
        } else if (event.type === "error") {
          timing.error = typeof event.message === "string" ? event.message : "error event";
        }
      }
    }
    if (timing.replyStatus === null && timing.error === null) timing.error = "the stream ended without reply-done";
    else if (timing.replyStatus !== null && timing.replyStatus !== "complete" && timing.error === null)
      timing.error = `reply ${timing.replyStatus}`;
  } catch (error) {
    timing.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } finally {
    timing.doneAt = performance.now();
  }
  return timing;
}

/** A request that is not a turn (tick, board save): its status and time. */
export interface CallTiming {
  status: number;
  ms: number;
  error: string | null;
}

async function timed(what: string, run: () => Promise<Response>): Promise<CallTiming> {
  const started = performance.now();
  try {
    const response = await run();
    const text = await response.text();
    return {
      status: response.status,
      ms: performance.now() - started,
      error: response.ok ? null : `${what}: HTTP ${response.status} ${text.slice(0, 200)}`,
    };
  } catch (error) {
    return { status: 0, ms: performance.now() - started, error: `${what}: ${String(error)}` };
  }
}

/** The room's clock poll (every 5 s in the browser): nudges and the deadline. */
export function tick(baseUrl: string, interviewId: string): Promise<CallTiming> {
  return timed("tick", () =>
    fetch(`${baseUrl}/api/interviews/${interviewId}/tick`, { method: "POST", headers: headers() }),
  );
}

/** The whiteboard autosave: `{ scene }` with Excalidraw's elements. */
export function saveBoard(baseUrl: string, interviewId: string, scene: unknown): Promise<CallTiming> {
  return timed("board", () =>
    fetch(`${baseUrl}/api/interviews/${interviewId}/board`, {
      method: "PUT",
      headers: headers({ "content-type": "application/json" }),
      body: JSON.stringify({ scene }),
    }),
  );
}
