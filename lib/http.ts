import "server-only";
import type { z } from "zod";
import { DatabaseUnavailableError } from "@/lib/db/errors";
import { AppError, BadRequestError, PayloadTooLargeError, TooManyRequestsError } from "@/lib/errors";
import { formatPath } from "@/lib/content/validate";

/** The one place errors become HTTP responses: typed errors keep their status, anything else is a 500 with no details. */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    const headers: HeadersInit =
      error instanceof TooManyRequestsError
        ? { "retry-after": String(Math.max(1, Math.ceil(error.retryAfterSeconds))) }
        : {};
    return Response.json({ error: { code: error.code, message: error.message } }, { status: error.status, headers });
  }
  if (error instanceof DatabaseUnavailableError) {
    return Response.json(
      {
        error: {
          code: "database_unavailable",
          message: "The database is unavailable right now. Your work is safe; try again in a moment.",
        },
      },
      { status: 503 },
    );
  }
  console.error("[tradeoff] unexpected error", error);
  return Response.json({ error: { code: "internal", message: "Something went wrong on our side." } }, { status: 500 });
}

/**
 * Wraps a route handler so thrown errors are translated by errorResponse. A URL with `%00` in it is
 * refused first: the NUL would reach the database as part of a path segment or query value, and
 * Postgres refuses U+0000 in text (a 500 otherwise).
 */
export function handle<Args extends unknown[]>(
  fn: (...args: Args) => Promise<Response>,
): (...args: Args) => Promise<Response> {
  return async (...args) => {
    try {
      const [request] = args;
      if (request instanceof Request && /%00/i.test(request.url)) {
        throw new BadRequestError("The address contains a NUL character (%00), which is never valid.", "invalid_url");
      }
      return await fn(...args);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** Reads a JSON body (at most `maxBytes`) and validates it; every failure is a 4xx that says what was wrong. */
export async function parseJsonBody<T extends z.ZodType>(
  request: Request,
  schema: T,
  maxBytes = 64 * 1024,
): Promise<z.infer<T>> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes)
    throw new PayloadTooLargeError(`The request body is ${declared} bytes; the limit is ${maxBytes}.`);
  const text = await readLimited(request, maxBytes);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BadRequestError("The request body is not valid JSON.", "invalid_json");
  }
  const unstorable = unstorableJson(json);
  if (unstorable) throw new BadRequestError(unstorable, "invalid_text");
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.length ? `${formatPath(issue.path)}: ` : "";
    throw new BadRequestError(`${where}${issue.message}`, "invalid_request");
  }
  return result.data;
}

async function readLimited(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new PayloadTooLargeError(`The request body is larger than the limit of ${maxBytes} bytes.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The first thing in a parsed JSON value that the database cannot store or that nests deeper than
 * `maxDepth`, as a message naming its path; null if there is none. Postgres refuses U+0000 in text
 * and jsonb, and jsonb also refuses a lone UTF-16 surrogate (JSON.stringify writes it as `\ud800`,
 * which text columns quietly store as U+FFFD). Iterative, so a 10 000-level value cannot overflow
 * the stack here.
 */
export function unstorableJson(
  value: unknown,
  { maxDepth = Infinity, allowLoneSurrogates = true }: { maxDepth?: number; allowLoneSurrogates?: boolean } = {},
): string | null {
  type Node = { value: unknown; key: PropertyKey | null; parent: Node | null; depth: number };
  const pathOf = (node: Node | null): PropertyKey[] => {
    const path: PropertyKey[] = [];
    for (let n = node; n && n.key !== null; n = n.parent) path.push(n.key);
    return path.reverse();
  };
  const where = (node: Node | null) => formatPath(pathOf(node)) || "the body";
  const textProblem = (text: string) =>
    text.includes("\u0000")
      ? "contains a NUL character (\\u0000), which cannot be stored"
      : !allowLoneSurrogates && LONE_SURROGATE.test(text)
        ? "contains a lone UTF-16 surrogate (not valid Unicode), which cannot be stored"
        : null;
  const stack: Node[] = [{ value, key: null, parent: null, depth: 0 }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const current = node.value;
    if (typeof current === "string") {
      const problem = textProblem(current);
      if (problem) return `${where(node)}: ${problem}.`;
      continue;
    }
    if (current === null || typeof current !== "object") continue;
    if (node.depth >= maxDepth) return `${where(node)}: nested deeper than ${maxDepth} levels.`;
    if (Array.isArray(current)) {
      current.forEach((item, i) => stack.push({ value: item, key: i, parent: node, depth: node.depth + 1 }));
      continue;
    }
    for (const [key, item] of Object.entries(current)) {
      const problem = textProblem(key);
      if (problem) return `${where(node)}: a key ${problem}.`;
      stack.push({ value: item, key, parent: node, depth: node.depth + 1 });
    }
  }
  return null;
}
