import { Readable } from "node:stream";
import type { UploadEntry } from "../archive/uploadEntries.js";

/** An in-memory entry delivered in chunks of `chunkSize` bytes (tests cut records at every boundary). */
export function memoryEntry(content: string | Buffer, chunkSize = 64 * 1024, name = "test.json"): UploadEntry {
  const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content, "utf8");
  return {
    name,
    size: bytes.length,
    open: async () => {
      const chunks: Buffer[] = [];
      for (let at = 0; at < bytes.length; at += chunkSize) chunks.push(bytes.subarray(at, at + chunkSize));
      return Readable.from(chunks);
    },
  };
}
