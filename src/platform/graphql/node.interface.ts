import { Field, ID, InterfaceType } from "type-graphql";

/**
 * Relay Node. Values handed to GraphQL as a Node (node(id), _entities) carry `__typename`,
 * set by the node registry, so the concrete type is known without instanceof checks.
 */
@InterfaceType("Node", {
  resolveType: (value: { __typename?: string }) => value.__typename,
})
export abstract class Node {
  @Field(() => ID)
  id: string;
}
