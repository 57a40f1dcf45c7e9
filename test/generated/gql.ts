/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "mutation SignUp($input: SignUpInput!) {\n  signUp(input: $input) {\n    token\n    expiresAt\n    user {\n      id\n      username\n      displayName\n      timezone\n      visibility\n      createdAt\n    }\n  }\n}": typeof types.SignUpDocument,
    "mutation RecordListens($inputs: [RecordListenInput!]!) {\n  recordListens(inputs: $inputs) {\n    inserted\n    duplicates\n    listens {\n      id\n    }\n  }\n}\n\nquery History($first: Int, $after: String, $filter: HistoryFilter) {\n  history(first: $first, after: $after, filter: $filter) {\n    totalCount\n    edges {\n      node {\n        playedAt\n        msPlayed\n        counted\n        source\n        track {\n          title\n          artists {\n            name\n          }\n          album {\n            title\n            artist {\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n}": typeof types.RecordListensDocument,
    "query HistoryPage($first: Int, $after: String, $last: Int, $before: String, $filter: HistoryFilter) {\n  history(\n    first: $first\n    after: $after\n    last: $last\n    before: $before\n    filter: $filter\n  ) {\n    edges {\n      cursor\n      node {\n        id\n        playedAt\n      }\n    }\n    pageInfo {\n      hasNextPage\n      hasPreviousPage\n      startCursor\n      endCursor\n    }\n  }\n}\n\nquery HistoryIds($filter: HistoryFilter) {\n  history(first: 100, filter: $filter) {\n    totalCount\n    edges {\n      node {\n        id\n        track {\n          id\n          title\n          album {\n            id\n          }\n          artists {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n}": typeof types.HistoryPageDocument,
    "query Typename {\n  __typename\n}\n\nquery Node($id: ID!) {\n  node(id: $id) {\n    __typename\n    id\n  }\n}": typeof types.TypenameDocument,
};
const documents: Documents = {
    "mutation SignUp($input: SignUpInput!) {\n  signUp(input: $input) {\n    token\n    expiresAt\n    user {\n      id\n      username\n      displayName\n      timezone\n      visibility\n      createdAt\n    }\n  }\n}": types.SignUpDocument,
    "mutation RecordListens($inputs: [RecordListenInput!]!) {\n  recordListens(inputs: $inputs) {\n    inserted\n    duplicates\n    listens {\n      id\n    }\n  }\n}\n\nquery History($first: Int, $after: String, $filter: HistoryFilter) {\n  history(first: $first, after: $after, filter: $filter) {\n    totalCount\n    edges {\n      node {\n        playedAt\n        msPlayed\n        counted\n        source\n        track {\n          title\n          artists {\n            name\n          }\n          album {\n            title\n            artist {\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n}": types.RecordListensDocument,
    "query HistoryPage($first: Int, $after: String, $last: Int, $before: String, $filter: HistoryFilter) {\n  history(\n    first: $first\n    after: $after\n    last: $last\n    before: $before\n    filter: $filter\n  ) {\n    edges {\n      cursor\n      node {\n        id\n        playedAt\n      }\n    }\n    pageInfo {\n      hasNextPage\n      hasPreviousPage\n      startCursor\n      endCursor\n    }\n  }\n}\n\nquery HistoryIds($filter: HistoryFilter) {\n  history(first: 100, filter: $filter) {\n    totalCount\n    edges {\n      node {\n        id\n        track {\n          id\n          title\n          album {\n            id\n          }\n          artists {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n}": types.HistoryPageDocument,
    "query Typename {\n  __typename\n}\n\nquery Node($id: ID!) {\n  node(id: $id) {\n    __typename\n    id\n  }\n}": types.TypenameDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SignUp($input: SignUpInput!) {\n  signUp(input: $input) {\n    token\n    expiresAt\n    user {\n      id\n      username\n      displayName\n      timezone\n      visibility\n      createdAt\n    }\n  }\n}"): (typeof documents)["mutation SignUp($input: SignUpInput!) {\n  signUp(input: $input) {\n    token\n    expiresAt\n    user {\n      id\n      username\n      displayName\n      timezone\n      visibility\n      createdAt\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RecordListens($inputs: [RecordListenInput!]!) {\n  recordListens(inputs: $inputs) {\n    inserted\n    duplicates\n    listens {\n      id\n    }\n  }\n}\n\nquery History($first: Int, $after: String, $filter: HistoryFilter) {\n  history(first: $first, after: $after, filter: $filter) {\n    totalCount\n    edges {\n      node {\n        playedAt\n        msPlayed\n        counted\n        source\n        track {\n          title\n          artists {\n            name\n          }\n          album {\n            title\n            artist {\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n}"): (typeof documents)["mutation RecordListens($inputs: [RecordListenInput!]!) {\n  recordListens(inputs: $inputs) {\n    inserted\n    duplicates\n    listens {\n      id\n    }\n  }\n}\n\nquery History($first: Int, $after: String, $filter: HistoryFilter) {\n  history(first: $first, after: $after, filter: $filter) {\n    totalCount\n    edges {\n      node {\n        playedAt\n        msPlayed\n        counted\n        source\n        track {\n          title\n          artists {\n            name\n          }\n          album {\n            title\n            artist {\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query HistoryPage($first: Int, $after: String, $last: Int, $before: String, $filter: HistoryFilter) {\n  history(\n    first: $first\n    after: $after\n    last: $last\n    before: $before\n    filter: $filter\n  ) {\n    edges {\n      cursor\n      node {\n        id\n        playedAt\n      }\n    }\n    pageInfo {\n      hasNextPage\n      hasPreviousPage\n      startCursor\n      endCursor\n    }\n  }\n}\n\nquery HistoryIds($filter: HistoryFilter) {\n  history(first: 100, filter: $filter) {\n    totalCount\n    edges {\n      node {\n        id\n        track {\n          id\n          title\n          album {\n            id\n          }\n          artists {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n}"): (typeof documents)["query HistoryPage($first: Int, $after: String, $last: Int, $before: String, $filter: HistoryFilter) {\n  history(\n    first: $first\n    after: $after\n    last: $last\n    before: $before\n    filter: $filter\n  ) {\n    edges {\n      cursor\n      node {\n        id\n        playedAt\n      }\n    }\n    pageInfo {\n      hasNextPage\n      hasPreviousPage\n      startCursor\n      endCursor\n    }\n  }\n}\n\nquery HistoryIds($filter: HistoryFilter) {\n  history(first: 100, filter: $filter) {\n    totalCount\n    edges {\n      node {\n        id\n        track {\n          id\n          title\n          album {\n            id\n          }\n          artists {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Typename {\n  __typename\n}\n\nquery Node($id: ID!) {\n  node(id: $id) {\n    __typename\n    id\n  }\n}"): (typeof documents)["query Typename {\n  __typename\n}\n\nquery Node($id: ID!) {\n  node(id: $id) {\n    __typename\n    id\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;