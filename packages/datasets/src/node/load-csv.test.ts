import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
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
});
