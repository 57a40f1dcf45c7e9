import { Field, InputType } from "type-graphql";
import { VisibilityEnum } from "./visibility.enum.js";

/** Absent fields stay as they are; `displayName: null` clears it. Checked in user.service.ts. */
@InputType("UpdateProfileInput")
export class UpdateProfileInput {
  @Field(() => String, { nullable: true, description: "At most 100 characters; null or empty clears it" })
  displayName?: string | null;

  @Field(() => String, { nullable: true, description: "IANA zone, e.g. Europe/Berlin" })
  timezone?: string | null;

  @Field(() => VisibilityEnum, { nullable: true })
  visibility?: VisibilityEnum | null;
}
