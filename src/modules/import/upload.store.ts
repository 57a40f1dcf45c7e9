import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

/** The upload is larger than IMPORT_MAX_BYTES; raised while streaming, before it is all read. */
export class UploadTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`file is larger than ${formatBytes(maxBytes)} (IMPORT_MAX_BYTES)`);
    this.name = "UploadTooLargeError";
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3 && bytes % 1024 ** 3 === 0) return `${bytes / 1024 ** 3} GiB`;
  if (bytes >= 1024 ** 2 && bytes % 1024 ** 2 === 0) return `${bytes / 1024 ** 2} MiB`;
  return `${bytes} bytes`;
}

/** Where an import's upload is kept until the import ends: `<DATA_DIR>/uploads/<importId>`. */
export function uploadPath(dataDir: string, importId: string): string {
  return join(resolve(dataDir), "uploads", importId);
}

/**
 * Streams an upload to `path` without buffering it, stopping with UploadTooLargeError as soon as
 * it passes `maxBytes`; the partial file is removed on any failure. Returns the size.
 */
export async function saveUpload(source: Readable, path: string, maxBytes: number): Promise<number> {
  await mkdir(dirname(path), { recursive: true });
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > maxBytes) callback(new UploadTooLargeError(maxBytes));
      else callback(null, chunk);
    },
  });
  try {
    await pipeline(source, limit, createWriteStream(path));
    return bytes;
  } catch (error) {
    await removeUpload(path);
    // busboy (behind both upload paths) truncates at its own limit and reports that instead
    if (error instanceof Error && (/exceeds the .*size limit/i.test(error.message) || (error as { code?: unknown }).code === "FST_REQ_FILE_TOO_LARGE")) {
      throw new UploadTooLargeError(maxBytes);
    }
    throw error;
  }
}

export async function removeUpload(path: string | null): Promise<void> {
  if (path) await rm(path, { force: true });
}
