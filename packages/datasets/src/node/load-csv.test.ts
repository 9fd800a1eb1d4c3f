import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DatasetError } from "../errors";
import { loadCsv } from "./load-csv";

const dir = mkdtempSync(join(tmpdir(), "datasets-csv-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("loadCsv", () => {
  it("reads a CSV file from disk as parseCsv reads text", async () => {
    const path = join(dir, "points.csv");
    writeFileSync(path, "label,x,y\n1,0.5,2\n0,1.5,-1\n");
    const data = await loadCsv(path, { label: "label" });
    expect(Array.from(data.inputs)).toEqual([0.5, 2, 1.5, -1]);
    expect(Array.from(data.labels)).toEqual([1, 0]);
  });

  it("names the row and column of a bad cell", async () => {
    const path = join(dir, "bad.csv");
    writeFileSync(path, "x,y\n1,0\n2,0\nN/A,1\n");
    await expect(loadCsv(path)).rejects.toMatchObject({
      code: "csv-cell",
      row: 4,
      column: 0,
      columnName: "x",
    });
  });

  it("names the file in every error", async () => {
    const path = join(dir, "named.csv");
    writeFileSync(path, "x,y\n1,0\n2,0\nN/A,1\n");
    await expect(loadCsv(path)).rejects.toMatchObject({
      context: `${path}, row 4, column index 0 ("x")`,
    });
    writeFileSync(path, "x\n1\n2\n");
    await expect(loadCsv(path)).rejects.toMatchObject({ code: "csv-columns", context: path });
    writeFileSync(path, 'x,y\n1,"0\n');
    await expect(loadCsv(path)).rejects.toMatchObject({ code: "csv-quote", row: 2 });
    await expect(loadCsv(path)).rejects.toThrow(`${path}, row 2`);
  });

  it("needs 2 data rows by default, saying how many it found", async () => {
    const path = join(dir, "one.csv");
    writeFileSync(path, "x,y\n1,0\n\n");
    const error = await loadCsv(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect(error).toMatchObject({
      code: "csv-too-few-rows",
      context: path,
      expected: "at least 2 data rows",
      found: "1 (after the header, blank lines skipped)",
    });
    expect((await loadCsv(path, { minRows: 1 })).length).toBe(1);
  });

  it("refuses a file over maxBytes before reading it", async () => {
    const path = join(dir, "big.csv");
    writeFileSync(path, "x,y\n1,0\n2,1\n");
    await expect(loadCsv(path, { maxBytes: 10 })).rejects.toMatchObject({
      code: "size-limit",
      context: path,
      found: "12 bytes",
    });
    expect((await loadCsv(path, { maxBytes: 12 })).length).toBe(2);
  });
});
