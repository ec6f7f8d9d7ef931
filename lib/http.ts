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

/** Wraps a route handler so thrown errors are translated by errorResponse. */
export function handle<Args extends unknown[]>(
  fn: (...args: Args) => Promise<Response>,
): (...args: Args) => Promise<Response> {
  return async (...args) => {
    try {
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
