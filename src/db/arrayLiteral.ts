/**
 * PostgreSQL array literals for one text parameter each (`$1::text[]`, `$1::uuid[]`, …): one
 * parameter however many values, and unlike a JSON document unnested in SQL, the planner sees
 * how many there are.
 */

/** Text elements: every one quoted with `"` and `\` escaped, null as an unquoted NULL. */
export function arrayLiteral(values: readonly (string | null)[]): string {
  return `{${values.map((value) => (value === null ? "NULL" : `"${value.replace(/[\\"]/g, "\\$&")}"`)).join(",")}}`;
}

/**
 * Elements that never need quoting (numbers, booleans, uuids), null as NULL: no per-element
 * escaping, for the large typed arrays of a listens batch.
 */
export function plainArrayLiteral(values: readonly (string | number | boolean | null)[]): string {
  return `{${values.map((value) => (value === null ? "NULL" : String(value))).join(",")}}`;
}
