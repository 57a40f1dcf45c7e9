import { Directive, Field, Int, ObjectType } from "type-graphql";
import type { ImportRow } from "../../db/schema.js";
import { toGlobalId } from "../../platform/globalId.js";
import { connectionTypes } from "../../platform/graphql/connection.type.js";
import { Node } from "../../platform/graphql/node.interface.js";
import { ImportFormatEnum, ImportStatusEnum } from "./import.enums.js";

@ObjectType("ImportRowError")
export class ImportRowError {
  @Field(() => Int, { description: "Where in the file: 1-based line for line formats, 1-based entry index for JSON arrays" })
  position: number;

  @Field(() => String)
  message: string;
}

/** GraphQL Import: one uploaded file's progress; `errors` is resolved in import.resolver.ts. */
@ObjectType("Import", { implements: Node })
@Directive('@key(fields: "id")')
export class Import extends Node {
  @Field(() => ImportFormatEnum)
  format: ImportFormatEnum;

  @Field(() => ImportStatusEnum)
  status: ImportStatusEnum;

  @Field(() => String, { nullable: true })
  fileName: string | null;

  @Field(() => Int, { description: "Rows read so far" })
  processedRows: number;

  @Field(() => Int, { nullable: true, description: "Rows in the file, once known" })
  totalRows: number | null;

  @Field(() => Int, { description: "New listens stored" })
  inserted: number;

  @Field(() => Int, { description: "Rows already in the history (same user, track and time)" })
  duplicates: number;

  @Field(() => Int, { description: "Rows deliberately left out (podcasts, videos, zero-length plays)" })
  skipped: number;

  @Field(() => Int, { description: "Rows that could not be read" })
  failed: number;

  @Field(() => String, { nullable: true, description: "Why the whole import FAILED (e.g. the file is damaged at row N)" })
  failureMessage: string | null;

  @Field(() => Date, { nullable: true })
  startedAt: Date | null;

  @Field(() => Date, { nullable: true })
  finishedAt: Date | null;

  /** database key (imports.id) */
  key: string;
  userId: string;
  createdAt: Date;
  storedErrors: { position: number; message: string }[];
}

export function toImport(row: ImportRow): Import {
  return Object.assign(new Import(), {
    id: toGlobalId("Import", row.id),
    key: row.id,
    userId: row.userId,
    // the format is detected before the row is created, so it is never null in practice
    format: (row.format ?? "SPOTIFY_EXTENDED") as ImportFormatEnum,
    status: row.status as ImportStatusEnum,
    fileName: row.fileName,
    processedRows: row.processedRows,
    totalRows: row.totalRows,
    inserted: row.inserted,
    duplicates: row.duplicates,
    skipped: row.skipped,
    failed: row.failed,
    failureMessage: row.failureMessage,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    createdAt: row.createdAt,
    storedErrors: row.errors,
  });
}

export const { EdgeType: ImportEdge, ConnectionType: ImportConnection } = connectionTypes("Import", () => Import);
export type ImportConnection = InstanceType<typeof ImportConnection>;
