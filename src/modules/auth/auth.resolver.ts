import { Arg, Ctx, Int, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../server/context.js";
import { requireSessionViewer } from "./auth.guard.js";
import { publishSessionEnded } from "./session.events.js";
import { AuthPayload } from "./auth.payload.js";
import * as auth from "./auth.service.js";
import { SignInInput } from "./signIn.input.js";
import { SignUpInput } from "./signUp.input.js";

/** Sign-up, sign-in and sign-out. Browsers also get the session as an HttpOnly cookie (ctx.cookies). */
@Resolver()
export class AuthResolver {
  @Mutation(() => AuthPayload)
  async signUp(@Arg("input", () => SignUpInput) input: SignUpInput, @Ctx() ctx: Context): Promise<AuthPayload> {
    const signedIn = await auth.signUp(ctx.db, input);
    ctx.cookies?.set(signedIn.token, signedIn.expiresAt);
    return signedIn;
  }

  @Mutation(() => AuthPayload)
  async signIn(@Arg("input", () => SignInInput) input: SignInInput, @Ctx() ctx: Context): Promise<AuthPayload> {
    const signedIn = await auth.signIn(ctx.db, ctx.limiters.signIn, input);
    ctx.cookies?.set(signedIn.token, signedIn.expiresAt);
    return signedIn;
  }

  @Mutation(() => Boolean, { description: "Ends the current session; false when already signed out" })
  async signOut(@Ctx() ctx: Context): Promise<boolean> {
    if (ctx.viewer) requireSessionViewer(ctx.viewer); // an API token has no session to end
    const ended = await auth.signOut(ctx.viewer, ctx.db);
    if (ended && ctx.viewer?.sessionId) await publishSessionEnded(ctx.pubsub, { sessionId: ctx.viewer.sessionId }, ctx.logger);
    ctx.cookies?.clear();
    return ended;
  }

  @Mutation(() => Int, { description: "Ends every session of the viewer; returns how many" })
  async signOutEverywhere(@Ctx() ctx: Context): Promise<number> {
    const viewer = requireSessionViewer(ctx.viewer);
    const ended = await auth.signOutEverywhere(viewer, ctx.db);
    await publishSessionEnded(ctx.pubsub, { userId: viewer.userId }, ctx.logger);
    ctx.cookies?.clear();
    return ended;
  }
}
