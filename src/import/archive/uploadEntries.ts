import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, open, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import yauzl from "yauzl";
import { ImportFileError } from "../importFileError.js";
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from "./zipLimits.js";

/** One file of an upload: the upload itself, or a file inside its (nested) archive. */
export type UploadEntry = {
  /** path inside the upload, nested archives joined with "/" ("a.zip/b/c.csv"); the upload's name for a plain file */
  name: string;
  /** uncompressed size in bytes */
  size: number;
  open(): Promise<Readable>;
};

export type UploadContents = {
  entries: UploadEntry[];
  /** closes archives and removes extracted nested archives */
  close(): Promise<void>;
};

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const EMPTY_ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

/**
 * Lists the files of an upload: a plain file is one entry; a zip archive is walked (nested zips
 * are extracted one by one to a temporary folder and walked too). Entries come sorted by path
 * (numeric-aware), so every run reads them in the same order. macOS resource forks, folders and
 * encrypted entries are left out.
 */
export async function openUpload(filePath: string, displayName: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<UploadContents> {
  const { size } = await stat(filePath);
  if (size === 0) throw new ImportFileError(`The file "${displayName}" is empty`);
  const head = await fileHead(filePath);
  if (!isZip(head)) {
    const other = otherArchive(head);
    if (other) {
      throw new ImportFileError(
        `"${displayName}" is a ${other} archive, which is not read: download the export as .zip (Google Takeout: file type .zip) or upload the history file itself`,
      );
    }
    return { entries: [{ name: displayName, size, open: async () => createReadStream(filePath) }], close: async () => {} };
  }
  const walk = new ArchiveWalk(limits);
  try {
    await walk.add(filePath, "", 0);
  } catch (error) {
    await walk.close();
    throw error;
  }
  walk.entries.sort((a, b) => a.name.localeCompare(b.name, "en", { numeric: true }));
  return { entries: walk.entries, close: () => walk.close() };
}

async function fileHead(filePath: string): Promise<Buffer> {
  const handle = await open(filePath, "r");
  try {
    const head = Buffer.alloc(6);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function isZip(head: Buffer): boolean {
  const magic = head.subarray(0, 4);
  return magic.equals(ZIP_MAGIC) || magic.equals(EMPTY_ZIP_MAGIC);
}

/**
 * Archives people repack exports into, or pick in Google Takeout (.tgz): named so the refusal
 * says what to do instead of calling the file unrecognized.
 */
function otherArchive(head: Buffer): string | null {
  if (head[0] === 0x1f && head[1] === 0x8b) return ".tgz/.gz";
  if (head.subarray(0, 6).equals(Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]))) return ".7z";
  if (head.subarray(0, 4).toString("latin1") === "Rar!") return ".rar";
  return null;
}

class ArchiveWalk {
  readonly entries: UploadEntry[] = [];
  private readonly zips: yauzl.ZipFile[] = [];
  private tempDir: string | null = null;
  private totalUncompressed = 0;
  private extracted = 0;

  constructor(private readonly limits: ZipLimits) {}

  async add(zipPath: string, prefix: string, depth: number): Promise<void> {
    const zip = await openZip(zipPath, prefix);
    this.zips.push(zip);
    const nested: { entry: yauzl.Entry; name: string }[] = [];
    for await (const entry of zipEntries(zip, prefix)) {
      const name = prefix + entry.fileName;
      if (entry.fileName.endsWith("/") || isResourceFork(entry.fileName) || entry.isEncrypted()) continue;
      this.checkBomb(entry, name);
      if (/\.zip$/i.test(entry.fileName)) nested.push({ entry, name });
      else this.entries.push({ name, size: entry.uncompressedSize, open: () => openEntry(zip, entry, name) });
    }
    for (const { entry, name } of nested) {
      if (depth + 1 > this.limits.maxNestingDepth) {
        throw new ImportFileError(`"${name}" is nested ${depth + 2} archives deep (limit ${this.limits.maxNestingDepth + 1}): refusing it`);
      }
      const innerPath = join(await this.ensureTempDir(), `${++this.extracted}.zip`);
      await pipeline(await openEntry(zip, entry, name), createWriteStream(innerPath));
      await this.add(innerPath, `${name}/`, depth + 1);
    }
  }

  private checkBomb(entry: yauzl.Entry, name: string): void {
    const { maxTotalUncompressedBytes, maxCompressionRatio, ratioAppliesAbove } = this.limits;
    this.totalUncompressed += entry.uncompressedSize;
    if (this.totalUncompressed > maxTotalUncompressedBytes) {
      throw new ImportFileError(
        `The archive expands to more than ${formatBytes(maxTotalUncompressedBytes)} (at "${name}"): refusing a possible zip bomb`,
      );
    }
    const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
    if (entry.uncompressedSize > ratioAppliesAbove && ratio > maxCompressionRatio) {
      throw new ImportFileError(
        `"${name}" expands ${Math.round(ratio)}× (${formatBytes(entry.compressedSize)} → ${formatBytes(entry.uncompressedSize)}; limit ${maxCompressionRatio}×): refusing a possible zip bomb`,
      );
    }
  }

  private async ensureTempDir(): Promise<string> {
    this.tempDir ??= await mkdtemp(join(tmpdir(), "tonearm-import-"));
    return this.tempDir;
  }

  async close(): Promise<void> {
    for (const zip of this.zips) zip.close();
    if (this.tempDir) await rm(this.tempDir, { recursive: true, force: true });
  }
}

/** What macOS adds to the archives it makes: resource forks and Finder's folder settings. */
function isResourceFork(fileName: string): boolean {
  const name = basename(fileName);
  return fileName.startsWith("__MACOSX/") || name.startsWith("._") || name === ".DS_Store";
}

function openZip(zipPath: string, prefix: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(zipPath, { lazyEntries: true, autoClose: false, strictFileNames: false, validateEntrySizes: true }, (error, zip) => {
      if (error) reject(new ImportFileError(`${prefix ? `"${prefix.slice(0, -1)}"` : "The upload"} is not a readable zip archive: ${error.message}`));
      else resolve(zip);
    });
  });
}

async function* zipEntries(zip: yauzl.ZipFile, prefix: string): AsyncGenerator<yauzl.Entry> {
  while (true) {
    const entry = await new Promise<yauzl.Entry | null>((resolve, reject) => {
      const onEntry = (entry: yauzl.Entry) => done(entry);
      const onEnd = () => done(null);
      const onError = (error: Error) => {
        cleanup();
        reject(new ImportFileError(`${prefix ? `"${prefix.slice(0, -1)}"` : "The upload"} is a damaged zip archive: ${error.message}`));
      };
      const cleanup = () => {
        zip.off("entry", onEntry);
        zip.off("end", onEnd);
        zip.off("error", onError);
      };
      const done = (value: yauzl.Entry | null) => {
        cleanup();
        resolve(value);
      };
      zip.on("entry", onEntry);
      zip.on("end", onEnd);
      zip.on("error", onError);
      zip.readEntry();
    });
    if (entry === null) return;
    yield entry;
  }
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, name: string): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error) return reject(new ImportFileError(`"${name}" cannot be read from the archive: ${error.message}`));
      resolve(stream);
    });
  });
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GiB` : `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}
