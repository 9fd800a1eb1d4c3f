import { describe, expect, it } from "vitest";
import { MAX_INFERRED_CLASSES } from "./csv-labels";
import { CsvParseError, DatasetError } from "./errors";
import { parseCsv } from "./parse-csv";

const iris = `sepal,petal,species
5.1, 1.4,setosa
7.0,4.7,versicolor
6.3,6.0,virginica
4.9,1.4,setosa
`;

describe("parseCsv", () => {
  it("reads numeric features and names as labels, classes sorted by name", () => {
    const data = parseCsv(iris, { label: "species" });
    expect([data.length, data.features, data.classes]).toEqual([4, 2, 3]);
    expect(Array.from(data.inputs)).toEqual([5.1, 1.4, 7, 4.7, 6.3, 6, 4.9, 1.4]);
    expect(data.classNames).toEqual(["setosa", "versicolor", "virginica"]);
    expect(Array.from(data.labels)).toEqual([0, 1, 2, 0]);
  });

  it("takes the label column by index, negative from the end, without a header", () => {
    const data = parseCsv("1,0,2\n0,3,4\n2,5,6\n", { header: false, label: 0 });
    expect(Array.from(data.labels)).toEqual([1, 0, 2]);
    expect(Array.from(data.inputs)).toEqual([0, 2, 3, 4, 5, 6]);
    expect(data.classes).toBe(3);
    expect(data.classNames).toBeUndefined();
    const last = parseCsv("a,b,y\n1,2,1\n", { label: -1, classes: 4 });
    expect([last.classes, last.labels[0]]).toEqual([4, 1]);
  });

  it("uses the given class names, in their order", () => {
    const data = parseCsv(iris, { classes: ["virginica", "versicolor", "setosa"] });
    expect(Array.from(data.labels)).toEqual([2, 1, 0, 2]);
    expect(() => parseCsv(iris, { classes: ["setosa", "virginica"] })).toThrow(
      expect.objectContaining({ code: "csv-label", row: 3, column: 2, found: '"versicolor"' }),
    );
  });

  it("normalises with stats from the file, or given ones, and stores float32 on request", () => {
    const text = "x,y\n0,0\n5,1\n10,0\n";
    expect(Array.from(parseCsv(text, { normalize: "min-max" }).inputs)).toEqual([0, 0.5, 1]);
    const z = parseCsv(text, { normalize: "standard", dtype: "float32" });
    expect(z.inputs).toBeInstanceOf(Float32Array);
    expect(z.inputs[1]).toBe(0);
    const given = { offset: Float64Array.of(5), scale: Float64Array.of(0.1) };
    expect(Array.from(parseCsv(text, { normalize: given }).inputs)).toEqual([-0.5, 0, 0.5]);
  });

  it("names the row and column of a non-numeric cell", () => {
    const text = "a,b,y\n1,2,0\n3,oops,1\n";
    const read = () => parseCsv(text);
    expect(read).toThrow(CsvParseError);
    expect(read).toThrow(
      expect.objectContaining({ code: "csv-cell", row: 3, column: 1, columnName: "b" }),
    );
    expect(read).toThrow('CSV row 3, column index 1 ("b"): expected a finite number, found "oops"');
    expect(() => parseCsv("a,y\n,1\n")).toThrow("found an empty cell");
    expect(() => parseCsv("a,y\nInfinity,1\n")).toThrow(
      expect.objectContaining({ code: "csv-cell" }),
    );
  });

  it("rejects a row of the wrong length and a label outside the classes", () => {
    expect(() => parseCsv("a,b,y\n1,2,0\n3,1\n")).toThrow(
      expect.objectContaining({
        code: "csv-row-length",
        row: 3,
        expected: "3 cells (as in the header)",
        found: "2",
      }),
    );
    expect(() => parseCsv("a,y\n1,0\n2,5\n", { classes: 3 })).toThrow(
      expect.objectContaining({ code: "label-range", row: 3, column: 1, found: '"5"' }),
    );
    expect(() => parseCsv("a,y\n1,-1\n")).toThrow(expect.objectContaining({ code: "label-range" }));
    expect(() => parseCsv("a,y\n1,cat\n", { classes: 2 })).toThrow(
      expect.objectContaining({ code: "csv-label" }),
    );
  });

  it("rejects an unknown label column and too few columns", () => {
    expect(() => parseCsv(iris, { label: "kind" })).toThrow(
      'no column named "kind"; the header has "sepal", "petal", "species"',
    );
    expect(() => parseCsv("1,2\n", { header: false, label: "y" })).toThrow("header is false");
    expect(() => parseCsv("1,2\n", { header: false, label: 2 })).toThrow(
      "label column 2 is outside the 2 columns",
    );
    expect(() => parseCsv("")).toThrow("need at least 2 columns");
  });
});

describe("parseCsv: hostile labels and sizes", () => {
  it("a label of 2³² is refused, never wrapped to 0", () => {
    const read = () => parseCsv("x,y\n1,0\n2,4294967296\n");
    expect(read).toThrow(CsvParseError);
    expect(read).toThrow(
      expect.objectContaining({ code: "label-range", row: 3, column: 1, found: '"4294967296"' }),
    );
    expect(() => parseCsv("x,y\n1,4294967296\n", { classes: 2 })).toThrow(
      expect.objectContaining({ code: "label-range" }),
    );
    expect(() => parseCsv("x,y\n1,0\n", { classes: 2 ** 32 + 1 })).toThrow(RangeError);
  });

  it("labels too large for an exact number, or past the inferred class limit, are refused", () => {
    for (const label of ["99999999999999999999", "9007199254740993", `${MAX_INFERRED_CLASSES}`]) {
      expect(() => parseCsv(`x,y\n1,0\n2,${label}\n`)).toThrow(
        expect.objectContaining({ code: "label-range", row: 3 }),
      );
    }
    const most = parseCsv(`x,y\n1,${MAX_INFERRED_CLASSES - 1}\n`);
    expect([most.classes, most.labels[0]]).toEqual([
      MAX_INFERRED_CLASSES,
      MAX_INFERRED_CLASSES - 1,
    ]);
    const given = parseCsv("x,y\n1,100000\n", { classes: 100_001 });
    expect(given.labels[0]).toBe(100_000); // more classes when asked for
  });

  it("features are finite in the storage asked for: no NaN, no Infinity", () => {
    expect(() => parseCsv("x,y\nNaN,1\n")).toThrow(expect.objectContaining({ code: "csv-cell" }));
    expect(parseCsv("x,y\n1e300,1\n").inputs[0]).toBe(1e300);
    expect(() => parseCsv("x,y\n1e300,1\n", { dtype: "float32" })).toThrow(
      expect.objectContaining({
        code: "csv-cell",
        expected: "a number within float32 range (±3.4e38)",
      }),
    );
  });

  it("too few columns or rows are typed errors that say what was found", () => {
    expect(() => parseCsv("x\n1\n2\n")).toThrow(DatasetError);
    expect(() => parseCsv("x\n1\n2\n")).toThrow(expect.objectContaining({ code: "csv-columns" }));
    expect(() => parseCsv("x,y\n")).toThrow(
      expect.objectContaining({
        code: "csv-too-few-rows",
        found: "0 (after the header, blank lines skipped)",
      }),
    );
    const one = "x,y\n1,0\n";
    expect(parseCsv(one).length).toBe(1);
    expect(() => parseCsv(one, { minRows: 2 })).toThrow(
      expect.objectContaining({ code: "csv-too-few-rows", expected: "at least 2 data rows" }),
    );
    expect(parseCsv("x,y\n", { minRows: 0 }).length).toBe(0);
    expect(() => parseCsv(one, { minRows: -1 })).toThrow(RangeError);
  });

  it("quotes at most 60 characters of a bad cell", () => {
    const long = "z".repeat(1000);
    const error = (() => {
      try {
        parseCsv(`x,y\n${long},1\n`);
      } catch (e) {
        return e as CsvParseError;
      }
    })();
    expect(error?.found).toBe(`"${"z".repeat(60)}…"`);
    const header = "h".repeat(1000);
    expect(() => parseCsv(`${header},y\nbad,1\n`)).toThrow(
      expect.objectContaining({ context: `CSV row 2, column index 0 ("${"h".repeat(60)}…")` }),
    );
  });
});
