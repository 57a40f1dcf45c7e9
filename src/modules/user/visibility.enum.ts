import { registerEnumType } from "type-graphql";

export enum VisibilityEnum {
  PUBLIC = "PUBLIC",
  FOLLOWERS = "FOLLOWERS",
  PRIVATE = "PRIVATE",
}

registerEnumType(VisibilityEnum, { name: "Visibility", description: "Who may see a user's listening history" });
