/**
 * A PostgreSQL array literal for one text parameter (`$1::text[]`, `$1::uuid[]`, …): every element
 * quoted with `"` and `\` escaped, null as an unquoted NULL. One parameter however many values,
 * and unlike a JSON document unnested in SQL, the planner sees how many there are.
 */
export function arrayLiteral(values: readonly (string | null)[]): string {
  return `{${values.map((value) => (value === null ? "NULL" : `"${value.replace(/[\\"]/g, "\\$&")}"`)).join(",")}}`;
}
