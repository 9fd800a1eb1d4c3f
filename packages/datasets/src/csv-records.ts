import { CsvParseError } from "./errors";

/** One CSV record: its cells and the line (from 1) where it starts. */
export interface CsvRecord {
  readonly cells: string[];
  readonly line: number;
}

/**
 * Splits CSV text into records (RFC 4180): cells separated by `delimiter`, records by
 * LF or CRLF, a cell in double quotes may hold delimiters, newlines and "" for a quote.
 * Blank lines are skipped; an unclosed quote is an error, never a silently merged row.
 */
export function csvRecords(text: string, delimiter = ",", source?: string): CsvRecord[] {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === "\n" || delimiter === "\r") {
    throw new RangeError(
      `parseCsv: delimiter must be one character other than a quote or newline, got ${JSON.stringify(delimiter)}`,
    );
  }
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = "";
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 0;
  const endRecord = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0].trim() === "")) records.push({ cells, line: recordLine });
    cells = [];
    cell = "";
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        if (ch === "\n") line++;
        cell += ch;
      }
    } else if (ch === '"') {
      quoted = true;
      quoteLine = line;
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      cell += ch;
    }
  }
  if (quoted) {
    throw new CsvParseError(
      "csv-quote",
      { row: quoteLine, column: cells.length, source },
      {
        expected: "a closing double quote",
        found: "the end of the text",
        hint: 'close the quoted cell, or write a quote inside it as ""',
      },
    );
  }
  if (cell !== "" || cells.length > 0) endRecord();
  return records;
}

/** A cell as an error message quotes it: in JSON quotes, cut after 60 characters. */
export function quoteCell(cell: string): string {
  return JSON.stringify(cell.length > 60 ? `${cell.slice(0, 60)}…` : cell);
}
