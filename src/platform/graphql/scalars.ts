import { GraphQLScalarType, Kind } from "graphql";

/** ISO-8601 date-time with offset; always serialized in UTC with milliseconds. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: "DateTime",
  description: "ISO-8601 date-time with offset, e.g. 2026-03-01T12:34:56.000Z",
  serialize(value) {
    // already canonical (e.g. a Date that went through a JSON cache): as is, without a Date round trip
    if (typeof value === "string" && CANONICAL_UTC.test(value)) return value;
    const date = value instanceof Date ? value : new Date(value as string);
    if (Number.isNaN(date.getTime())) throw new TypeError("DateTime cannot represent an invalid date");
    return date.toISOString();
  },
  parseValue(value) {
    return parseDateTime(value);
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new TypeError("DateTime must be an ISO-8601 string");
    return parseDateTime(ast.value);
  },
});

const CANONICAL_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

function parseDateTime(value: unknown): Date {
  if (typeof value !== "string" || !ISO_WITH_OFFSET.test(value)) {
    throw new TypeError("DateTime must be an ISO-8601 string with an offset, e.g. 2026-03-01T12:34:56Z");
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new TypeError(`DateTime "${value}" is not a real date`);
  return date;
}
