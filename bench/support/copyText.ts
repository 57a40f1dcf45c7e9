/** One value in PostgreSQL's COPY text format: \N for null, backslash escapes for the rest. */
export function copyValue(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "number") return String(value);
  return value.replace(/[\\\t\n\r]/g, (char) => (char === "\\" ? "\\\\" : char === "\t" ? "\\t" : char === "\n" ? "\\n" : "\\r"));
}

export function copyLine(values: (string | number | boolean | null | undefined)[]): string {
  return `${values.map(copyValue).join("\t")}\n`;
}
