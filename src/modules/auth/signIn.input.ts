import { Field, InputType } from "type-graphql";

@InputType("SignInInput")
export class SignInInput {
  @Field(() => String, { description: "Username or email" })
  login: string;

  @Field(() => String)
  password: string;
}
