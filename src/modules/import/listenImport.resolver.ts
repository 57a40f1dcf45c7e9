import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../server/context.js";
import { Listen } from "../listen/listen.type.js";
import { importLoader } from "./import.context.js";
import { Import, toImport } from "./import.type.js";

/** Listen.import: the import that stored a listen, shown to the listen's owner only. */
@Resolver(() => Listen)
export class ListenImportResolver {
  @FieldResolver(() => Import, { nullable: true })
  async import(@Root() listen: Listen, @Ctx() ctx: Context): Promise<Import | null> {
    if (!listen.importId || !ctx.viewer || ctx.viewer.userId !== listen.userId) return null;
    const row = await importLoader(ctx).load(listen.importId);
    return row ? toImport(row) : null;
  }
}
