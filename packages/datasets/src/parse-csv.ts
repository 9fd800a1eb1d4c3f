import type { DType } from "@backprop/linalg";
import { ClassificationData } from "./classification-data";
import { readLabels } from "./csv-labels";
import { csvRecords, quoteCell } from "./csv-records";
import { CsvParseError, DatasetError } from "./errors";
import { type FeatureStats, minMaxStats, normalize, standardStats } from "./normalize";

/** How {@link parseCsv} reads CSV text into a ClassificationData. */
export interface CsvOptions {
  /** The label column: a header name, or a 0-based index (negative counts from the end). Default -1. */
  readonly label?: string | number;
  /** Whether the first row names the columns. Default true. */
  readonly header?: boolean;
  /** The cell separator: one character, not a quote or newline. Default ",". */
  readonly delimiter?: string;
  /**
   * A number: labels are integers in [0, classes). A list of names: labels are those names,
   * class i being names[i]. Omitted: integer labels give max + 1 classes (at most
   * MAX_INFERRED_CLASSES, 65,536: pass a count for more); any other labels become names,
   * sorted, and set `classNames`. A count may be at most 2³¹ − 1.
   */
  readonly classes?: number | readonly string[];
  /** Normalise the features: with stats computed on this file, or with given stats (e.g. the training file's). */
  readonly normalize?: "min-max" | "standard" | FeatureStats;
  /** Storage of the features; default "float64". */
  readonly dtype?: DType;
  /**
   * The fewest data rows (after the header) accepted: fewer throw a DatasetError
   * "csv-too-few-rows" saying how many there are. Default 1 for `parseCsv`, 2 for `loadCsv`
   * (one to train on and one to test on; a 20% test split needs at least 3).
   */
  readonly minRows?: number;
  /** Names the text in error messages, e.g. its file (`loadCsv` passes the path). */
  readonly source?: string;
}

/**
 * Tabular data from CSV text (browser-safe): every column but the label is a numeric
 * feature. A cell that is not a finite number, a row of the wrong length, or a label
 * outside the classes throws a CsvParseError naming the row and column; fewer than 2
 * columns or `minRows` rows, a DatasetError. Features are always finite (no NaN), and
 * labels exact integers below the class count (a label of 2³² never wraps to 0).
 */
export function parseCsv(text: string, options: CsvOptions = {}): ClassificationData {
  const { source } = options;
  const records = csvRecords(text, options.delimiter, source);
  const header = options.header ?? true;
  const names = header && records.length > 0 ? records[0].cells.map((c) => c.trim()) : undefined;
  const rows = header ? records.slice(1) : records;
  const width = (names ?? rows[0]?.cells)?.length ?? 0;
  if (width < 2) {
    throw new DatasetError("csv-columns", {
      context: source ?? "CSV data",
      expected: "at least 2 columns (features and a label)",
      found: `${width}${records.length === 0 ? " (the text has no rows)" : ""}`,
      hint: `you need at least 2 columns, features and a label: check the delimiter (now ${JSON.stringify(options.delimiter ?? ",")})`,
    });
  }
  checkRowCount(rows.length, options.minRows ?? 1, source ?? "CSV data");
  const labelColumn = resolveLabelColumn(options.label ?? -1, width, names);
  const features = width - 1;
  const float32 = options.dtype === "float32";
  const Inputs = float32 ? Float32Array : Float64Array;
  const inputs = new Inputs(rows.length * features);
  const labelCells: string[] = [];
  rows.forEach((record, s) => {
    const where = (column: number) => ({
      row: record.line,
      column,
      columnName: names?.[column],
      source,
    });
    if (record.cells.length !== width) {
      throw new CsvParseError("csv-row-length", where(Math.min(record.cells.length, width)), {
        expected: `${width} cells (as in the ${names ? "header" : "first row"})`,
        found: `${record.cells.length}`,
        hint: "fix the row, or check the delimiter",
      });
    }
    let k = 0;
    record.cells.forEach((raw, column) => {
      const cell = raw.trim();
      if (column === labelColumn) {
        labelCells.push(cell);
        return;
      }
      const value = Number(cell);
      // float32 storage turns a finite 1e300 into Infinity: check what will be stored.
      const stored = float32 ? Math.fround(value) : value;
      if (cell === "" || !Number.isFinite(stored)) {
        throw new CsvParseError("csv-cell", where(column), {
          expected: Number.isFinite(value)
            ? "a number within float32 range (±3.4e38)"
            : "a finite number",
          found: cell === "" ? "an empty cell" : quoteCell(cell),
          hint: "fix or remove the row, or drop the column before loading",
        });
      }
      inputs[s * features + k++] = value;
    });
  });
  const { labels, classes, classNames } = readLabels(labelCells, {
    rows,
    column: labelColumn,
    names,
    classes: options.classes,
    source,
  });
  const data = new ClassificationData({ inputs, labels, features, classes, classNames });
  const norm = options.normalize;
  if (norm === undefined) return data;
  const stats =
    norm === "min-max" ? minMaxStats(data) : norm === "standard" ? standardStats(data) : norm;
  return normalize(data, stats, options.dtype);
}

function resolveLabelColumn(
  label: string | number,
  width: number,
  names: string[] | undefined,
): number {
  if (typeof label === "string") {
    const index = names?.indexOf(label) ?? -1;
    if (index < 0) {
      throw new RangeError(
        names
          ? `parseCsv: no column named ${JSON.stringify(label)}; the header has ${names.map((n) => JSON.stringify(n)).join(", ")}`
          : `parseCsv: label ${JSON.stringify(label)} is a column name, but header is false; pass the column index instead`,
      );
    }
    return index;
  }
  const index = label < 0 ? width + label : label;
  if (!Number.isInteger(label) || index < 0 || index >= width) {
    throw new RangeError(
      `parseCsv: label column ${label} is outside the ${width} columns (0 to ${width - 1}, or -1 to -${width})`,
    );
  }
  return index;
}

function checkRowCount(rows: number, minRows: number, context: string): void {
  if (!Number.isInteger(minRows) || minRows < 0) {
    throw new RangeError(`parseCsv: minRows must be a whole number ≥ 0, got ${minRows}`);
  }
  if (rows >= minRows) return;
  throw new DatasetError("csv-too-few-rows", {
    context,
    expected: `at least ${minRows} data row${minRows === 1 ? "" : "s"}`,
    found: `${rows} (after the header, blank lines skipped)`,
    hint: "a data set this small cannot be trained and tested on: add rows, or lower the minRows option",
  });
}
