import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestServer } from "../testServer.js";

/** Uploads and waits for the import module's integration tests (real HTTP). */

export const IMPORT_FIELDS = `id format status fileName processedRows totalRows inserted duplicates skipped failed failureMessage
  errors(first: 100) { position message } startedAt finishedAt`;

/** A DATA_DIR of its own for one test server (uploads land under it). */
export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), "tonearm-import-"));
}

export type UploadResult = { status: number; body: { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] } };

/** startImport as a GraphQL multipart request (the spec's operations + map + file fields). */
export async function graphqlUpload(
  server: TestServer,
  token: string,
  file: { content: Buffer | string; name: string },
  format?: string,
  headers: Record<string, string> = { "apollo-require-preflight": "true" },
): Promise<UploadResult> {
  const form = new FormData();
  form.append(
    "operations",
    JSON.stringify({
      query: `mutation Start($file: Upload!, $format: ImportFormat) { startImport(file: $file, format: $format) { ${IMPORT_FIELDS} } }`,
      variables: { file: null, format: format ?? null },
    }),
  );
  form.append("map", JSON.stringify({ "0": ["variables.file"] }));
  form.append("0", new Blob([file.content]), file.name);
  const response = await fetch(`${server.url}/graphql`, { method: "POST", headers: { authorization: `Bearer ${token}`, ...headers }, body: form });
  return { status: response.status, body: (await response.json()) as UploadResult["body"] };
}

/** POST /api/imports, as curl -F file=@export.zip -F format=… would. */
export async function restUpload(
  server: TestServer,
  authorization: string | null,
  file: { content: Buffer | string; name: string } | null,
  format?: string,
): Promise<{ status: number; body: any }> {
  const form = new FormData();
  if (format) form.append("format", format);
  if (file) form.append("file", new Blob([file.content]), file.name);
  const response = await fetch(`${server.url}/api/imports`, {
    method: "POST",
    headers: authorization ? { authorization } : {},
    body: form,
  });
  return { status: response.status, body: await response.json() };
}

const TERMINAL = new Set(["SUCCEEDED", "FAILED", "CANCELLED"]);

/** Polls import(id) until it ends (the runner is asynchronous by design); fails the test after ~20 s. */
export async function waitForImport(server: TestServer, token: string, id: string): Promise<any> {
  for (let attempt = 0; attempt < 400; attempt += 1) {
    const response = await server.graphql(`query($id: ID!) { import(id: $id) { ${IMPORT_FIELDS} } }`, { id }, { token });
    const imported = response.data?.import;
    if (!imported) throw new Error(`import ${id} not visible: ${JSON.stringify(response.errors)}`);
    if (TERMINAL.has(imported.status)) return imported;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`import ${id} did not end`);
}
