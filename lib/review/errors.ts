import { AppError, NotFoundError } from "@/lib/errors";
import { isUuid } from "@/lib/uuid";

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

/** 404 for an id from a URL that is not a UUID at all. */
export function requireUuid(id: string, message: string): string {
  if (!isUuid(id)) throw new NotFoundError(message);
  return id;
}
