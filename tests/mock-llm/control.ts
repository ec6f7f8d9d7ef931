/**
 * The /__mock/* control API, so an out-of-process test (e2e, benchmark) can drive a server started by
 * the CLI: enqueue faults and replies, change timing, read the request log, reset.
 */
import type { ServerResponse } from "node:http";
import { parseFault } from "./faults";
import { parseJson, sendJson } from "./http";
import type { MockState } from "./state";
import { isRecord } from "./text";

export const CONTROL_PREFIX = "/__mock/";

export function handleControl(
  method: string,
  path: string,
  rawBody: string,
  res: ServerResponse,
  state: MockState,
): void {
  const body = parseJson(rawBody);
  const route = `${method} ${path.slice(CONTROL_PREFIX.length)}`;
  switch (route) {
    case "POST fault":
      return enqueueFault(body, res, state);
    case "POST reply":
      return enqueueReply(body, res, state);
    case "POST config":
      return configure(body, res, state);
    case "POST reset":
      state.reset();
      return sendJson(res, 200, { ok: true });
    case "GET requests":
      return sendJson(res, 200, state.requests);
    default:
      return sendJson(res, 404, { error: `unknown control route ${route}` });
  }
}

/** Body: a fault (`{"type":"cut","afterChunks":2}`), optionally with `times` (default 1). */
function enqueueFault(body: unknown, res: ServerResponse, state: MockState): void {
  const fault = parseFault(body);
  if (typeof fault === "string") return sendJson(res, 400, { error: fault });
  const times = timesField(body);
  state.enqueueFault(fault, times);
  sendJson(res, 200, { ok: true, queued: times, fault });
}

/** Body: `{"text": "..."}`, optionally with `times` (default 1). */
function enqueueReply(body: unknown, res: ServerResponse, state: MockState): void {
  if (!isRecord(body) || typeof body.text !== "string")
    return sendJson(res, 400, { error: "body needs a string `text`" });
  const times = timesField(body);
  state.enqueueReply(body.text, times);
  sendJson(res, 200, { ok: true, queued: times });
}

/** Body: `{"ttftMs"?: number, "tokensPerSecond"?: number}`; answers with the resulting timing. */
function configure(body: unknown, res: ServerResponse, state: MockState): void {
  if (!isRecord(body)) return sendJson(res, 400, { error: "body must be a JSON object" });
  for (const key of ["ttftMs", "tokensPerSecond"] as const) {
    const value = body[key];
    if (value === undefined) continue;
    if (typeof value !== "number" || !(value >= 0))
      return sendJson(res, 400, { error: `${key} must be a number >= 0` });
    state.timing[key] = value;
  }
  sendJson(res, 200, { ok: true, timing: state.timing });
}

function timesField(body: unknown): number {
  const times = isRecord(body) ? body.times : undefined;
  return typeof times === "number" && Number.isInteger(times) && times > 0 ? times : 1;
}
