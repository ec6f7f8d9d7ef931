/**
 * Errors the domain throws on purpose, each with the HTTP status it becomes at the edge
 * (lib/http.ts translates them once) and a message safe to show the user.
 */
export class AppError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends AppError {
  constructor(message: string, code = "bad_request") {
    super(message, 400, code);
  }
}

/** Also used for rows that exist but belong to someone else, so ids leak nothing. */
export class NotFoundError extends AppError {
  constructor(message = "Not found.") {
    super(message, 404, "not_found");
  }
}

export class ConflictError extends AppError {
  constructor(message: string, code = "conflict") {
    super(message, 409, code);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message: string) {
    super(message, 413, "too_large");
  }
}

/** No one is signed in (or the session expired): the client should sign in again. */
export class UnauthorizedError extends AppError {
  constructor(message = "Sign in to continue.", code = "unauthorized") {
    super(message, 401, code);
  }
}

/** Signed in, but this role may not do this. Rows of other users are NotFoundError instead, so ids leak nothing. */
export class ForbiddenError extends AppError {
  constructor(message = "You do not have access to this.", code = "forbidden") {
    super(message, 403, code);
  }
}

/** A rate limit or quota was hit; `retryAfterSeconds` becomes the Retry-After header. */
export class TooManyRequestsError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    code = "rate_limited",
  ) {
    super(message, 429, code);
  }
}
