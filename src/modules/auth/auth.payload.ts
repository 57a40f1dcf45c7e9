import { Field, ObjectType } from "type-graphql";
import type { UserRow } from "../../db/schema.js";
import { User } from "../user/user.type.js";

/** What signUp / signIn return; `user` is a UserRow, resolved by the User type's resolvers. */
@ObjectType("AuthPayload")
export class AuthPayload {
  @Field(() => User)
  user: UserRow;

  @Field(() => String, { description: "Session token: send as 'Authorization: Bearer <token>'" })
  token: string;

  @Field(() => Date)
  expiresAt: Date;
}
