import { createLabelArray, type LabelArray } from "./classification-data";
import { type CsvRecord, quoteCell } from "./csv-records";
import { type CsvLocation, CsvParseError } from "./errors";

/**
 * The most classes integer labels may imply when `classes` is not given (their maximum
 * + 1): a label of 4294967296 in a file of 0s and 1s is a typo, not 4 billion classes
 * whose one-hot targets would not fit in memory. Pass `classes` to allow more.
 */
export const MAX_INFERRED_CLASSES = 65_536;

/** The most classes a label array holds: int32 labels, so 2³¹ − 1 (a larger label would wrap). */
export const MAX_CLASSES = 2 ** 31 - 1;

const INTEGER = /^[+-]?\d+$/;

/** The label column of a CSV text, and the `classes` option. */
export interface LabelColumn {
  readonly rows: CsvRecord[];
  readonly column: number;
  readonly names: string[] | undefined;
  readonly classes: number | readonly string[] | undefined;
  readonly source: string | undefined;
}

export interface CsvLabels {
  readonly labels: LabelArray;
  readonly classes: number;
  readonly classNames: string[] | undefined;
}

/**
 * The label cells as class indexes. Names (given, or any non-integer label): class i is
 * names[i]. Integers: each must be in [0, classes); with `classes` omitted they imply
 * max + 1 classes, at most MAX_INFERRED_CLASSES.
 */
export function readLabels(cells: string[], at: LabelColumn): CsvLabels {
  const { rows, column, names, classes, source } = at;
  const where = (s: number): CsvLocation => ({
    row: rows[s].line,
    column,
    columnName: names?.[column],
    source,
  });
  if (
    typeof classes === "number" &&
    !(Number.isInteger(classes) && classes >= 1 && classes <= MAX_CLASSES)
  ) {
    throw new RangeError(`parseCsv: classes must be an integer in [1, 2³¹ − 1], got ${classes}`);
  }
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
          found: quoteCell(cell),
          hint: "fix the label, or add the name to the classes option",
        });
      }
      labels[s] = c;
    });
    return { labels, classes: classNames.length, classNames };
  }
  const values = cells.map(Number);
  const count = (classes as number | undefined) ?? inferClasses(values, cells, where);
  const labels = createLabelArray(cells.length, count);
  values.forEach((value, s) => {
    // `value < count` also rejects any label too large for an exact number: count ≤ 2³¹ − 1.
    if (!INTEGER.test(cells[s]) || !(value >= 0 && value < count)) {
      throw new CsvParseError(INTEGER.test(cells[s]) ? "label-range" : "csv-label", where(s), {
        expected: `an integer label in [0, ${count - 1}] (classes: ${count})`,
        found: quoteCell(cells[s]),
        hint: "fix the label, pass a larger classes option, or pass the class names as classes",
      });
    }
    labels[s] = value;
  });
  return { labels, classes: count, classNames: undefined };
}

/** max + 1 of integer labels (1 if there are none), refusing more than MAX_INFERRED_CLASSES. */
function inferClasses(
  values: number[],
  cells: string[],
  where: (s: number) => CsvLocation,
): number {
  let largest = -1;
  values.forEach((value, s) => {
    if (largest < 0 || value > values[largest]) largest = s;
  });
  const max = largest < 0 ? 0 : Math.max(0, values[largest]);
  if (max < MAX_INFERRED_CLASSES) return max + 1;
  throw new CsvParseError("label-range", where(largest), {
    expected: `an integer label below ${MAX_INFERRED_CLASSES} (the most classes inferred from the labels)`,
    found: quoteCell(cells[largest]),
    hint: "fix the label, or pass the classes option (a count, or the class names) if there really are that many classes",
  });
}
