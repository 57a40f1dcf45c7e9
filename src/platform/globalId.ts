import { badUserInput } from "./errors.js";

/**
 * Relay global ids: base64url("<Type>:<key>"). Opaque to clients, they carry the type so that
 * `node(id)` and federation `_entities` can route them; keys are uuids or integers.
 */
export type NodeType = "User" | "Artist" | "Album" | "Track" | "Listen" | "ApiToken" | "Import";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const INTEGER = /^[1-9][0-9]{0,17}$/;
const INTEGER_KEYED: ReadonlySet<NodeType> = new Set(["Listen"]);
const NODE_TYPES: ReadonlySet<string> = new Set<NodeType>(["User", "Artist", "Album", "Track", "Listen", "ApiToken", "Import"]);

export function toGlobalId(type: NodeType, key: string | number): string {
  return Buffer.from(`${type}:${key}`, "utf8").toString("base64url");
}

/** Decodes any global id; null when it is not one of ours. */
export function parseGlobalId(id: string): { type: NodeType; key: string } | null {
  if (id.length > 200 || !/^[A-Za-z0-9_-]+$/.test(id)) return null;
  const decoded = Buffer.from(id, "base64url").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  const type = decoded.slice(0, colon);
  const key = decoded.slice(colon + 1);
  if (!NODE_TYPES.has(type)) return null;
  const nodeType = type as NodeType;
  if (!(INTEGER_KEYED.has(nodeType) ? INTEGER : UUID).test(key)) return null;
  return { type: nodeType, key };
}

/** Decodes an id that must be of `type`; otherwise BAD_USER_INPUT naming `field`. */
export function fromGlobalId(type: NodeType, id: string, field: string): string {
  const parsed = parseGlobalId(id);
  if (!parsed || parsed.type !== type) throw badUserInput(field, `not a valid ${type} id`);
  return parsed.key;
}
