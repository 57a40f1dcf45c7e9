import { Field, ObjectType } from "type-graphql";
import type { ApiTokenRow } from "../../db/schema.js";
import { ApiToken } from "./apiToken.type.js";

@ObjectType("ApiTokenPayload")
export class ApiTokenPayload {
  @Field(() => ApiToken)
  apiToken: ApiTokenRow;

  @Field(() => String, { description: "Shown once: send as 'Authorization: Token <token>'" })
  token: string;
}
