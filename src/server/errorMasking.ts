import type { ApolloServerPlugin } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { AppError } from "../platform/errors.js";
import type { Context } from "./context.js";

/** Codes produced by GraphQL itself (parse, validation, variable coercion): safe to show. */
const CLIENT_ERROR_CODES = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "OPERATION_RESOLUTION_FAILURE",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
]);

function isClientError(error: unknown): boolean {
  const original = unwrapResolverError(error);
  if (original instanceof AppError) return true;
  if (!(original instanceof GraphQLError)) return false;
  // Apollo wraps graphql-js's own parse/validation/variable errors (a GraphQLError) in its
  // SyntaxError/ValidationError/UserInputError; anything else underneath is an exception.
  const cause = original.originalError;
  if (cause != null && !(cause instanceof GraphQLError)) return false;
  const code = original.extensions.code;
  return code == null || (typeof code === "string" && CLIENT_ERROR_CODES.has(code));
}

/** Apollo `formatError`: client errors pass through; anything else becomes a bare INTERNAL_SERVER_ERROR. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  if (isClientError(error)) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    void _stacktrace;
    return { ...formatted, extensions: { ...extensions, code: extensions.code ?? "GRAPHQL_VALIDATION_FAILED" } };
  }
  return {
    message: "Internal server error",
    ...(formatted.path ? { path: formatted.path } : {}),
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    extensions: { code: "INTERNAL_SERVER_ERROR" },
  };
}

/** Logs every unexpected error with the request id, which the response carries as `x-request-id`. */
export function errorLoggingPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (!isClientError(error)) {
              contextValue.logger.error({ err: unwrapResolverError(error), path: error.path }, "unexpected error");
            }
          }
        },
      };
    },
  };
}
