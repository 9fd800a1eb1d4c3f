import type { DType } from "@backprop/linalg";
import { ClassificationData, createLabelArray } from "./classification-data";
import { type CsvRecord, csvRecords } from "./csv-records";
import { CsvParseError } from "./errors";
import { type FeatureStats, minMaxStats, normalize, standardStats } from "./normalize";

export interface CsvOptions {
  /** The label column: a header name, or a 0-based index (negative counts from the end). Default -1. */
  readonly label?: string | number;
  /** Whether the first row names the columns. Default true. */
  readonly header?: boolean;
  readonly delimiter?: string;
  /**
   * A number: labels are integers in [0, classes). A list of names: labels are those names,
   * class i being names[i]. Omitted: integer labels give max + 1 classes; any other labels
   * become names, sorted, and set `classNames`.
   */
  readonly classes?: number | readonly string[];
  /** Normalise the features: with stats computed on this file, or with given stats (e.g. the training file's). */
  readonly normalize?: "min-max" | "standard" | FeatureStats;
  /** Storage of the features; default "float64". */
  readonly dtype?: DType;
}

const INTEGER = /^[+-]?\d+$/;

/**
 * Tabular data from CSV text (browser-safe): every column but the label is a numeric
 * feature. A cell that is not a finite number, a row of the wrong length, or a label
 * outside the classes throws a CsvParseError naming the row and column.
 */
export function parseCsv(text: string, options: CsvOptions = {}): ClassificationData {
  const records = csvRecords(text, options.delimiter);
  const header = options.header ?? true;
  const names = header && records.length > 0 ? records[0].cells.map((c) => c.trim()) : undefined;
  const rows = header ? records.slice(1) : records;
  const width = (names ?? rows[0]?.cells)?.length ?? 0;
  if (width < 2) {
    throw new RangeError(
      `parseCsv: need at least 2 columns (features and a label), found ${width}${records.length === 0 ? " (the text has no rows)" : ""}`,
    );
  }
  const labelColumn = resolveLabelColumn(options.label ?? -1, width, names);
  const features = width - 1;
  const Inputs = options.dtype === "float32" ? Float32Array : Float64Array;
  const inputs = new Inputs(rows.length * features);
  const labelCells: string[] = [];
  rows.forEach((record, s) => {
    const where = (column: number) => ({ row: record.line, column, columnName: names?.[column] });
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
      if (cell === "" || !Number.isFinite(value)) {
        throw new CsvParseError("csv-cell", where(column), {
          expected: "a finite number",
          found: cell === "" ? "an empty cell" : JSON.stringify(cell),
          hint: "fix or remove the row, or drop the column before loading",
        });
      }
      inputs[s * features + k++] = value;
    });
  });
  const { labels, classes, classNames } = readLabels(
    labelCells,
    rows,
    labelColumn,
    names,
    options.classes,
  );
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

function readLabels(
  cells: string[],
  rows: CsvRecord[],
  column: number,
  names: string[] | undefined,
  classes: number | readonly string[] | undefined,
) {
  const where = (s: number) => ({ row: rows[s].line, column, columnName: names?.[column] });
  const byName =
    Array.isArray(classes) || (classes === undefined && !cells.every((c) => INTEGER.test(c)));
  if (byName) {
    const classNames = Array.isArray(classes) ? [...classes] : [...new Set(cells)].sort();
    const index = new Map(classNames.map((name, i) => [name, i]));
    const labels = createLabelArray(cells.length, classNames.length);
    cells.forEach((cell, s) => {
      const c = index.get(cell);
      if (c === undefined) {
        throw new CsvParseError("csv-label", where(s), {
          expected: `one of the class names ${classNames.map((n) => JSON.stringify(n)).join(", ")}`,
          found: JSON.stringify(cell),
          hint: "fix the label, or add the name to the classes option",
        });
      }
      labels[s] = c;
    });
    return { labels, classes: classNames.length, classNames };
  }
  const values = cells.map(Number);
  const count = (classes as number | undefined) ?? values.reduce((m, v) => Math.max(m, v), 0) + 1;
  const labels = createLabelArray(cells.length, count);
  values.forEach((value, s) => {
    if (!INTEGER.test(cells[s]) || value < 0 || value >= count) {
      throw new CsvParseError(INTEGER.test(cells[s]) ? "label-range" : "csv-label", where(s), {
        expected: `an integer label in [0, ${count - 1}] (classes: ${count})`,
        found: JSON.stringify(cells[s]),
        hint: "fix the label, pass a larger classes option, or pass the class names as classes",
      });
    }
    labels[s] = value;
  });
  return { labels, classes: count, classNames: undefined };
}
