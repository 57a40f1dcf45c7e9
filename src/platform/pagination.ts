import { badUserInput } from "./errors.js";

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export type ConnectionArgs = {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
};

/** A validated page request: walk `forward` (newest first) or `backward` from a cursor. */
export type PageRequest<C> = {
  direction: "forward" | "backward";
  limit: number;
  cursor: C | null;
};

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
}

/** Decodes a cursor and checks its shape; BAD_USER_INPUT naming the argument otherwise. */
export function decodeCursor<C>(cursor: string, field: string, isValid: (value: unknown) => value is C): C {
  let value: unknown;
  try {
    if (cursor.length > 500) throw new Error("too long");
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw badUserInput(field, "not a valid cursor");
  }
  if (!isValid(value)) throw badUserInput(field, "not a valid cursor");
  return value;
}

export function parsePageRequest<C>(
  args: ConnectionArgs,
  isValidCursor: (value: unknown) => value is C,
): PageRequest<C> {
  const { first, after, last, before } = args;
  if (first != null && last != null) throw badUserInput("last", "pass either first or last, not both");
  if (after != null && before != null) throw badUserInput("before", "pass either after or before, not both");
  for (const [name, value] of [["first", first], ["last", last]] as const) {
    if (value != null && (value < 0 || value > MAX_PAGE_SIZE)) {
      throw badUserInput(name, `must be between 0 and ${MAX_PAGE_SIZE}`);
    }
  }
  const backward = last != null || (before != null && first == null);
  if (backward) {
    return {
      direction: "backward",
      limit: last ?? DEFAULT_PAGE_SIZE,
      cursor: before != null ? decodeCursor(before, "before", isValidCursor) : null,
    };
  }
  return {
    direction: "forward",
    limit: first ?? DEFAULT_PAGE_SIZE,
    cursor: after != null ? decodeCursor(after, "after", isValidCursor) : null,
  };
}

export type Page<T> = {
  nodes: T[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
};

/**
 * Turns `limit + 1` rows fetched in walk order into a page in display order. Repositories fetch
 * one extra row to learn whether another page exists, and fetch backward pages in reverse.
 */
export function pageFromRows<T>(rows: T[], request: PageRequest<unknown>): Page<T> {
  const hasMore = rows.length > request.limit;
  const taken = rows.slice(0, request.limit);
  if (request.direction === "forward") {
    return { nodes: taken, hasNextPage: hasMore, hasPreviousPage: request.cursor != null };
  }
  return { nodes: taken.reverse(), hasNextPage: request.cursor != null, hasPreviousPage: hasMore };
}
