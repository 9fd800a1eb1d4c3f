/**
 * Typed errors for bad data. Each one says what was expected, what was found and what to
 * do, and carries those parts as fields so callers can branch on `code` instead of the text.
 * Programming mistakes (a wrong batch size, a matrix of the wrong shape) throw `RangeError`,
 * as `@backprop/linalg` does.
 */

export type DatasetErrorCode =
  | "idx-magic"
  | "idx-type"
  | "idx-dimensions"
  | "idx-truncated"
  | "idx-trailing-bytes"
  | "gzip"
  | "size-limit"
  | "count-mismatch"
  | "label-range"
  | "csv-cell"
  | "csv-row-length"
  | "csv-quote"
  | "csv-label"
  | "csv-columns"
  | "csv-too-few-rows"
  | "checksum"
  | "fetch";

/** The parts of a DatasetError's message, kept as fields: "context: expected …, found …; hint". */
export interface DatasetErrorParts {
  /** Where: a file, a URL, or the function and argument. */
  readonly context: string;
  /** What a good input has there, e.g. "magic number 0x00000801 or 0x00000803". */
  readonly expected: string;
  /** What this input has instead. */
  readonly found: string;
  /** What to do about it. */
  readonly hint: string;
}

/**
 * Data that cannot be used (malformed, too large, mislabelled, unreachable), as one error
 * type with a `code` to branch on; its subclasses narrow where it came from. `name` is the
 * class's own name ("DatasetError", "IdxFormatError"…).
 */
export class DatasetError extends Error {
  /** What kind of fault, stable across versions (the message may change). */
  readonly code: DatasetErrorCode;
  /** Where: a file, a URL, or the function and argument. */
  readonly context: string;
  /** What a good input has there. */
  readonly expected: string;
  /** What this input has instead. */
  readonly found: string;
  /** What to do about it. */
  readonly hint: string;

  constructor(code: DatasetErrorCode, parts: DatasetErrorParts, options?: { cause?: unknown }) {
    super(
      `${parts.context}: expected ${parts.expected}, found ${parts.found}; ${parts.hint}`,
      options,
    );
    this.name = new.target.name;
    this.code = code;
    this.context = parts.context;
    this.expected = parts.expected;
    this.found = parts.found;
    this.hint = parts.hint;
  }
}

/** A byte stream that is not a well-formed IDX file (or not a complete gzip stream). */
export class IdxFormatError extends DatasetError {}

/** Where in a CSV text: the record's line, the column, and the file if known. */
export interface CsvLocation {
  /** The line where the record starts, from 1, the header included (as an editor counts). */
  readonly row: number;
  /** The 0-based column index, as the `label` option takes it. */
  readonly column: number;
  /** The column's header cell, when the text has a header. */
  readonly columnName?: string;
  /** The file (loadCsv passes its path); without it the context starts "CSV row". */
  readonly source?: string;
}

/**
 * A CSV cell or row that cannot be read. `row` is the line (from 1, the header included)
 * where the record starts, as an editor numbers it; `column` is a 0-based index, as the
 * `label` option takes it.
 */
export class CsvParseError extends DatasetError {
  /** The line where the record starts, from 1, the header included. */
  readonly row: number;
  /** The 0-based column index. */
  readonly column: number;
  /** The column's header cell (uncut), or undefined without a header. */
  readonly columnName: string | undefined;

  constructor(
    code: DatasetErrorCode,
    where: CsvLocation,
    parts: Omit<DatasetErrorParts, "context">,
  ) {
    const { columnName: header } = where;
    // A header cell can be megabytes long; the message stays one readable line.
    const shown = header !== undefined && header.length > 60 ? `${header.slice(0, 60)}…` : header;
    const name = shown === undefined ? "" : ` (${JSON.stringify(shown)})`;
    const file = where.source === undefined ? "CSV" : `${where.source},`;
    super(code, {
      ...parts,
      context: `${file} row ${where.row}, column index ${where.column}${name}`,
    });
    this.row = where.row;
    this.column = where.column;
    this.columnName = where.columnName;
  }
}

/** Bytes whose SHA-256 digest differs from the expected one. */
export class ChecksumError extends DatasetError {
  /** The SHA-256 the caller gave, lowercase hex. */
  readonly expectedDigest: string;
  /** The SHA-256 of the bytes received, lowercase hex. */
  readonly actualDigest: string;

  constructor(source: string, expectedDigest: string, actualDigest: string, hint: string) {
    super("checksum", {
      context: source,
      expected: `SHA-256 ${expectedDigest}`,
      found: actualDigest,
      hint,
    });
    this.expectedDigest = expectedDigest;
    this.actualDigest = actualDigest;
  }
}
