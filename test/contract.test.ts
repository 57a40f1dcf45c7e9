import { existsSync, readFileSync } from "node:fs";
import { type Change, CriticalityLevel, diff } from "@graphql-inspector/core";
import {
  buildASTSchema,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  Kind,
  type NameNode,
  parse,
  print,
  visit,
} from "graphql";
import { beforeAll, describe, expect, it } from "vitest";

const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8");
const HEADER_END = "# END-OF-HEADER\n";

/** The pinned contract without the header that says where it comes from. */
const pinned = read("../schema/api-contract.graphql");
if (!pinned.includes(HEADER_END)) throw new Error(`schema/api-contract.graphql lost its "${HEADER_END.trim()}" line`);
const contractSdl = pinned.slice(pinned.indexOf(HEADER_END) + HEADER_END.length);
const emittedSdl = read("../schema/schema.graphql");
const pending = read("./contract-pending.txt")
  .split("\n")
  .map((line) => line.replace(/#.*/, "").trim())
  .filter(Boolean);

/** Federation directives (@key, @link…) are not defined in either file: build without validation. */
const build = (sdl: string) => buildASTSchema(parse(sdl), { assumeValidSDL: true });

/** Does `Type`, `Type.field`, `Enum.VALUE` or `Type.field.arg` exist in the schema? */
function hasCoordinate(schema: GraphQLSchema, coordinate: string): boolean {
  const [typeName, member, argument] = coordinate.split(".");
  const type = schema.getType(typeName!);
  if (!type) return false;
  if (member === undefined) return true;
  if (isEnumType(type)) return argument === undefined && type.getValue(member) !== undefined;
  if (!isObjectType(type) && !isInterfaceType(type) && !isInputObjectType(type)) return false;
  const field = type.getFields()[member];
  if (!field) return false;
  if (argument === undefined) return true;
  return "args" in field && field.args.some((arg) => arg.name === argument);
}

/** The pending coordinates, plus every contract type all of whose fields (or values) are pending. */
function pendingWithWholeTypes(contract: GraphQLSchema): Set<string> {
  const result = new Set(pending);
  for (const type of Object.values(contract.getTypeMap())) {
    if (type.name.startsWith("__")) continue;
    let members: string[] = [];
    if (isEnumType(type)) members = type.getValues().map((value) => value.name);
    else if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) members = Object.keys(type.getFields());
    if (members.length > 0 && members.every((member) => result.has(`${type.name}.${member}`))) result.add(type.name);
  }
  return result;
}

/** The coordinate a change is about; a root type change (e.g. no Subscription at all) is about that type. */
function changePath(change: Change): string {
  if (change.path) return change.path;
  const meta = change.meta as { oldQueryTypeName?: string; oldMutationTypeName?: string; oldSubscriptionTypeName?: string };
  return meta.oldQueryTypeName ?? meta.oldMutationTypeName ?? meta.oldSubscriptionTypeName ?? "(schema)";
}

const isUnder = (path: string, coordinates: Set<string>) =>
  [...coordinates].some((coordinate) => path === coordinate || path.startsWith(`${coordinate}.`));

/** Definitions that a schema coordinate names: types, fields, arguments, input fields, enum values. */
const COORDINATE_KINDS = new Set<string>([
  Kind.OBJECT_TYPE_DEFINITION,
  Kind.INTERFACE_TYPE_DEFINITION,
  Kind.INPUT_OBJECT_TYPE_DEFINITION,
  Kind.ENUM_TYPE_DEFINITION,
  Kind.UNION_TYPE_DEFINITION,
  Kind.SCALAR_TYPE_DEFINITION,
  Kind.FIELD_DEFINITION,
  Kind.INPUT_VALUE_DEFINITION,
  Kind.ENUM_VALUE_DEFINITION,
]);

/** The contract without the pending coordinates: what the schema must at least be today. */
function contractWithoutPending(): string {
  const drop = new Set(pending);
  const path: string[] = [];
  return print(
    visit(parse(contractSdl), {
      enter(node) {
        if (COORDINATE_KINDS.has(node.kind)) path.push((node as unknown as { name: NameNode }).name.value);
      },
      leave(node) {
        if (!COORDINATE_KINDS.has(node.kind)) return undefined;
        const coordinate = path.join(".");
        path.pop();
        return drop.has(coordinate) ? null : undefined;
      },
    }),
  );
}

describe("API contract (schema/api-contract.graphql)", () => {
  let contract: GraphQLSchema;
  let emitted: GraphQLSchema;
  let breaking: Change[];
  beforeAll(async () => {
    contract = build(contractSdl);
    emitted = build(emittedSdl);
    breaking = (await diff(contract, emitted)).filter((change) => change.criticality.level === CriticalityLevel.Breaking);
  });

  it("is identical to ../shared/api-contract.graphql, when that folder is beside the repo", (context) => {
    const shared = new URL("../../shared/api-contract.graphql", import.meta.url);
    if (!existsSync(shared)) return context.skip("no ../shared/ beside this checkout");
    expect(contractSdl, "schema/api-contract.graphql is out of date: copy ../shared/api-contract.graphql below its header").toBe(
      readFileSync(shared, "utf8"),
    );
  });

  it("has no breaking change from the contract to the emitted schema, but for pending coordinates", () => {
    const allowed = pendingWithWholeTypes(contract);
    const unexpected = breaking
      .filter((change) => !isUnder(changePath(change), allowed))
      .map((change) => `${changePath(change)}: ${change.message}`);
    expect(
      unexpected,
      "schema/schema.graphql breaks the contract (run npm run schema:emit first if the code changed); " +
        "implement these, or list a coordinate still to come in test/contract-pending.txt",
    ).toEqual([]);
  });

  it("checks coherently: the contract minus the pending coordinates builds and passes", async () => {
    // Throws "Unknown type" when a field not listed as pending needs a pending type.
    const minimal = build(contractWithoutPending());
    const changes = await diff(contract, minimal);
    const allowed = pendingWithWholeTypes(contract);
    const unexpected = changes.filter(
      (change) => change.criticality.level === CriticalityLevel.Breaking && !isUnder(changePath(change), allowed),
    );
    expect(unexpected.map((change) => change.message)).toEqual([]);
    expect(pending.filter((coordinate) => hasCoordinate(minimal, coordinate))).toEqual([]);
  });

  it("lists in contract-pending.txt only contract coordinates that the schema still lacks", () => {
    const unknown = pending.filter((coordinate) => !hasCoordinate(contract, coordinate));
    expect(unknown, "not in the contract (typo?)").toEqual([]);
    const stale = pending.filter((coordinate) => hasCoordinate(emitted, coordinate));
    expect(stale, "these exist now: remove them from test/contract-pending.txt").toEqual([]);
  });
});
