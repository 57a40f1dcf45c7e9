import { Field, InputType } from "type-graphql";

/** Checked in auth.service.ts (rules in user.rules.ts / password.rules.ts), so messages name the field. */
@InputType("SignUpInput")
export class SignUpInput {
  @Field(() => String, { description: "3–30 characters: letters, digits, '_', '.', '-'; starts with a letter or digit" })
  username: string;

  @Field(() => String)
  email: string;

  @Field(() => String, { description: "8–256 characters" })
  password: string;

  @Field(() => String, { nullable: true, description: "IANA zone; defaults to UTC" })
  timezone?: string | null;
}
