import { type ClassType, Field, Int, ObjectType } from "type-graphql";
import type { Page } from "../pagination.js";
import { PageInfo } from "./pageInfo.type.js";

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount(): Promise<number>;
}

/**
 * Builds `<Name>Edge` and `<Name>Connection` object types for a node type. `totalCount` is a
 * method so the count query only runs when a client asks for it.
 */
export function connectionTypes<T extends object>(name: string, nodeType: () => ClassType<T>) {
  @ObjectType(`${name}Edge`)
  class EdgeType implements Edge<T> {
    @Field(() => String)
    cursor: string;

    @Field(nodeType)
    node: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType implements Connection<T> {
    @Field(() => [EdgeType])
    edges: EdgeType[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    count: () => Promise<number>;

    @Field(() => Int)
    totalCount(): Promise<number> {
      return this.count();
    }
  }

  return { EdgeType, ConnectionType };
}

/** Assembles a connection object from a page of nodes. */
export function toConnection<T, C extends { count: () => Promise<number> }>(
  ConnectionClass: new () => C,
  page: Page<T>,
  cursorOf: (node: T) => string,
  count: () => Promise<number>,
): C {
  const edges = page.nodes.map((node) => ({ cursor: cursorOf(node), node }));
  const connection = new ConnectionClass();
  Object.assign(connection, {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    count,
  });
  return connection;
}
