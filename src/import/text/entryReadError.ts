/**
 * Reading an entry stopped at `local` (1-based line or array element within the entry); the
 * rows before it have been yielded. The entry runner turns it into an ImportFileError naming
 * the entry, with the global position.
 */
export class EntryReadError extends Error {
  constructor(
    message: string,
    readonly local: number,
  ) {
    super(message);
    this.name = "EntryReadError";
  }
}
