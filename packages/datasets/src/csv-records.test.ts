import { describe, expect, it } from "vitest";
import { csvRecords } from "./csv-records";
import { CsvParseError } from "./errors";

describe("csvRecords", () => {
  it("splits cells and records, with LF or CRLF, skipping blank lines", () => {
    expect(csvRecords("a,b\r\n1,2\n\n3,4\n")).toEqual([
      { cells: ["a", "b"], line: 1 },
      { cells: ["1", "2"], line: 2 },
      { cells: ["3", "4"], line: 4 },
    ]);
  });

  it("reads quoted cells with delimiters, newlines and doubled quotes", () => {
    const records = csvRecords('x;"a;b";"say ""hi"""\n"two\nlines";2;3', ";");
    expect(records[0].cells).toEqual(["x", "a;b", 'say "hi"']);
    expect(records[1]).toEqual({ cells: ["two\nlines", "2", "3"], line: 2 });
  });

  it("rejects an unclosed quote and a bad delimiter", () => {
    expect(() => csvRecords('1,2\n3,"4\n')).toThrow(CsvParseError);
    expect(() => csvRecords('1,2\n3,"4\n')).toThrow(
      "CSV row 2, column index 1: expected a closing double quote",
    );
    expect(() => csvRecords("1", '"')).toThrow(RangeError);
  });
});
