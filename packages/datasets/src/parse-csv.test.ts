import { describe, expect, it } from "vitest";
import { CsvParseError } from "./errors";
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
