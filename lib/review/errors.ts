import { AppError, NotFoundError } from "@/lib/errors";

/** The thing existed but is no longer usable (an expired invite link): 410, with what to do next. */
export class GoneError extends AppError {
  constructor(message: string, code = "gone") {
    super(message, 410, code);
  }
}

/** Prisma's "unique constraint failed": two requests raced to create the same row. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids come from URLs; one that is not even a UUID names nothing (and must not reach a uuid column). */
export function requireUuid(id: string, message: string): string {
  if (!UUID.test(id)) throw new NotFoundError(message);
  return id;
}
