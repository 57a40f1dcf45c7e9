import type { ApolloServerPlugin } from "@apollo/server";
import depthLimit from "graphql-depth-limit";
import { GraphQLError, type GraphQLSchema, type ValidationRule } from "graphql";
import { fieldExtensionsEstimator, getComplexity, simpleEstimator, type ComplexityEstimator } from "graphql-query-complexity";

export const MAX_QUERY_DEPTH = 12;
/**
 * Each field costs 1, multiplied by the page size asked for (`first`/`last`), so that a query
 * nesting several 100-item lists is refused before it runs.
 */
export const MAX_QUERY_COST = 50_000;

const listSizeEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const size = args.first ?? args.last;
  if (typeof size === "number") return 1 + Math.max(1, size) * childComplexity;
  return undefined;
};

export const depthLimitRule: ValidationRule = depthLimit(MAX_QUERY_DEPTH);

export function estimateCost(schema: GraphQLSchema, query: import("graphql").DocumentNode, variables: Record<string, unknown>, operationName?: string): number {
  return getComplexity({
    schema,
    query,
    variables,
    ...(operationName ? { operationName } : {}),
    estimators: [fieldExtensionsEstimator(), listSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
  });
}

/** Refuses operations whose estimated cost exceeds MAX_QUERY_COST, before they execute. */
export function queryCostPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operationName }) {
          let cost: number;
          try {
            cost = estimateCost(schema, document, request.variables ?? {}, operationName ?? undefined);
          } catch (error) {
            // Variables that do not coerce: execution reports them as BAD_USER_INPUT (400).
            if (error instanceof GraphQLError) return;
            throw error;
          }
          if (cost > MAX_QUERY_COST) {
            throw new GraphQLError(`Query is too expensive: estimated cost ${cost} exceeds ${MAX_QUERY_COST}`, {
              extensions: { code: "BAD_USER_INPUT", http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
