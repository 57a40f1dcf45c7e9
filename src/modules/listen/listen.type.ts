import { Directive, Field, Int, ObjectType } from "type-graphql";
import type { ListenRow } from "../../db/schema.js";
import { toGlobalId } from "../../platform/globalId.js";
import { connectionTypes } from "../../platform/graphql/connection.type.js";
import { Node } from "../../platform/graphql/node.interface.js";
import { ListenSourceEnum } from "./listenSource.enum.js";

/** GraphQL Listen; `track` and `user` are resolved through loaders in listen.resolver.ts. */
@ObjectType("Listen", { implements: Node })
@Directive('@key(fields: "id")')
export class Listen extends Node {
  @Field(() => Date)
  playedAt: Date;

  @Field(() => Int, { nullable: true, description: "How long it was played; null where the source does not say" })
  msPlayed: number | null;

  @Field(() => ListenSourceEnum)
  source: ListenSourceEnum;

  @Field(() => Boolean, { description: "False for plays too short to count (see README: the counting rule)" })
  counted: boolean;

  @Field(() => Boolean, { nullable: true })
  skipped: boolean | null;

  @Field(() => String, { nullable: true })
  platform: string | null;

  /** database key (listens.id) */
  key: number;
  userId: string;
  trackId: string;
  /** the import that stored it (Listen.import lives in the import module) */
  importId: string | null;
}

export function toListen(row: ListenRow): Listen {
  return Object.assign(new Listen(), {
    id: toGlobalId("Listen", row.id),
    key: row.id,
    userId: row.userId,
    trackId: row.trackId,
    playedAt: row.playedAt,
    msPlayed: row.msPlayed,
    source: row.source as ListenSourceEnum,
    counted: row.counted,
    skipped: row.skipped,
    platform: row.platform,
    importId: row.importId,
  });
}

export const { EdgeType: ListenEdge, ConnectionType: ListenConnection } = connectionTypes("Listen", () => Listen);
export type ListenConnection = InstanceType<typeof ListenConnection>;
