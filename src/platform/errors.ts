import { GraphQLError } from "graphql";

export type ErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "RATE_LIMITED"
  | "INTERNAL_SERVER_ERROR";

/**
 * An error meant for the client: its message and code are shown as they are. Anything thrown
 * that is not an AppError (or a GraphQL validation error) is masked as INTERNAL_SERVER_ERROR.
 */
export class AppError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    extra: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { code, ...extra } });
    this.name = "AppError";
  }
}

/** Invalid input; `field` is the argument path the client sent, e.g. "input.timezone". */
export function badUserInput(field: string, message: string): AppError {
  return new AppError("BAD_USER_INPUT", `${field}: ${message}`, { field });
}

export function unauthenticated(message = "Sign in first: send 'Authorization: Bearer <token>'"): AppError {
  return new AppError("UNAUTHENTICATED", message);
}

export function forbidden(message = "You may not do this"): AppError {
  return new AppError("FORBIDDEN", message);
}

export function notFound(what: string): AppError {
  return new AppError("NOT_FOUND", `${what} not found`);
}

export function rateLimited(retryAfterSeconds: number): AppError {
  return new AppError("RATE_LIMITED", `Too many requests; retry in ${retryAfterSeconds} s`, {
    retryAfter: retryAfterSeconds,
  });
}
