/**
 * The uploaded file cannot be read as a listening-history export (empty, unrecognized, wrong
 * format, zip bomb, damaged JSON/CSV, not UTF-8). The message says what was expected and where;
 * `position` is the global row position at which reading stopped, when it is known (rows before
 * it have been yielded already).
 */
export class ImportFileError extends Error {
  constructor(
    message: string,
    readonly position?: number,
  ) {
    super(message);
    this.name = "ImportFileError";
  }
}
