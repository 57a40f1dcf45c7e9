import { ImportFileError } from "../importFileError.js";
import type { UploadEntry } from "../archive/uploadEntries.js";

/** The entry's bytes as they stream; a damaged archive entry becomes an ImportFileError. */
export async function* entryChunks(entry: UploadEntry): AsyncGenerator<Buffer> {
  const stream = await entry.open();
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (error) {
    throw new ImportFileError(`"${entry.name}" cannot be read (damaged or truncated archive?): ${(error as Error).message}`);
  } finally {
    stream.destroy();
  }
}

/** The first `limit` bytes of an entry (for format detection). */
export async function entryPrefix(entry: UploadEntry, limit: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let length = 0;
  for await (const chunk of entryChunks(entry)) {
    parts.push(chunk);
    length += chunk.length;
    if (length >= limit) break;
  }
  return Buffer.concat(parts).subarray(0, limit);
}

/**
 * The whole entry in memory: callers check `entry.size` against their cap first. The chunks are
 * copied into one buffer of the announced size as they arrive (no list of chunks plus a
 * concatenated copy: half the peak); should the entry turn out longer, the rest is appended.
 */
export async function entryBuffer(entry: UploadEntry): Promise<Buffer> {
  const whole = Buffer.allocUnsafe(entry.size);
  let length = 0;
  let overflow: Buffer[] | null = null;
  for await (const chunk of entryChunks(entry)) {
    if (overflow === null && length + chunk.length <= whole.length) chunk.copy(whole, length);
    else (overflow ??= [whole.subarray(0, length)]).push(chunk);
    length += chunk.length;
  }
  return overflow ? Buffer.concat(overflow) : whole.subarray(0, length);
}

const BOM = [0xef, 0xbb, 0xbf];

/** Number of bytes of a UTF-8 byte-order mark at the start of `bytes` (0 or 3). */
export function bomLength(bytes: Buffer): number {
  return bytes.length >= 3 && bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2] ? 3 : 0;
}
