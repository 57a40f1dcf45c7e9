import type { Readable } from "node:stream";
import type { FileUpload } from "graphql-upload/processRequest.mjs";
import GraphQLUpload from "graphql-upload/GraphQLUpload.mjs";
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from "type-graphql";
import type { ImportRow } from "../../db/schema.js";
import { badUserInput } from "../../platform/errors.js";
import { toConnection } from "../../platform/graphql/connection.type.js";
import type { Context } from "../../server/context.js";
import { importServiceFor } from "./import.context.js";
import { ImportFormatEnum } from "./import.enums.js";
import { importCursor } from "./import.service.js";
import { Import, ImportConnection, ImportRowError, toImport } from "./import.type.js";
import { UploadTooLargeError } from "./upload.store.js";

@Resolver(() => Import)
export class ImportResolver {
  @Query(() => Import, { nullable: true })
  async import(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<Import | null> {
    const row = await importServiceFor(ctx).findOwn(ctx.viewer, id);
    return row ? toImport(row) : null;
  }

  @Query(() => ImportConnection, { description: "The viewer's imports, newest first" })
  async imports(
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<ImportConnection> {
    const { page, count } = await importServiceFor(ctx).list(ctx.viewer, { first, after });
    return toConnection(ImportConnection, { ...page, nodes: page.nodes.map(toImport) }, (node) => importCursor(rowOf(node)), count);
  }

  @Mutation(() => Import, { description: "Format is detected from the content when not given" })
  async startImport(
    @Arg("file", () => GraphQLUpload) file: FileUpload | Promise<FileUpload>,
    @Arg("format", () => ImportFormatEnum, { nullable: true }) format: ImportFormatEnum | null,
    @Ctx() ctx: Context,
  ): Promise<Import> {
    // type-graphql hands over the resolved upload; graphql-upload's scalar gives a promise
    const upload = await Promise.resolve(file).catch(() => {
      throw badUserInput("file", "the upload did not arrive; send it as a GraphQL multipart request");
    });
    let stream: Readable;
    try {
      stream = upload.createReadStream();
    } catch (error) {
      // graphql-upload already refused it (the whole upload arrived before this resolver ran)
      const tooLarge = (error as { status?: number }).status === 413;
      throw badUserInput("file", tooLarge ? new UploadTooLargeError(ctx.config.importMaxBytes).message : (error as Error).message);
    }
    const row = await importServiceFor(ctx).start(ctx.viewer, { stream, fileName: upload.filename || null }, format);
    return toImport(row);
  }

  @Mutation(() => Import)
  async cancelImport(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<Import> {
    return toImport(await importServiceFor(ctx).cancel(ctx.viewer, id));
  }

  @Subscription(() => Import, {
    description: "Progress of one of the viewer's imports; completes when it ends",
    subscribe: ({ args, context }) => importServiceFor(context as Context).progress((context as Context).viewer, args.id as string),
  })
  importProgress(@Arg("id", () => ID) _id: string, @Root() row: ImportRow): Import {
    return toImport(row);
  }

  @FieldResolver(() => [ImportRowError])
  errors(@Root() imported: Import, @Arg("first", () => Int, { nullable: true, defaultValue: 20 }) first: number | null): ImportRowError[] {
    const count = first ?? 20;
    if (count < 0) throw badUserInput("first", "must not be negative");
    return imported.storedErrors.slice(0, count);
  }
}

/** The cursor fields an Import keeps from its row. */
const rowOf = (node: Import) => ({ createdAt: node.createdAt, id: node.key }) as ImportRow;
