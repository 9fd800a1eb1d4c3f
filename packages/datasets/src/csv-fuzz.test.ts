import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { mutated } from "../test/fuzz-arbitraries";
import type { ClassificationData } from "./classification-data";
import { DatasetError } from "./errors";
import { loadCsv } from "./node/load-csv";
import { type CsvOptions, parseCsv } from "./parse-csv";

// Seeded, bounded fuzzing of CSV input: every text either loads as a data set the network
// can use (finite features, integer labels below the class count) or is refused with a
// DatasetError. Anything else thrown, or a NaN let through, fails the test.
const SEEDS = [
  "sepal,petal,species\n5.1,1.4,setosa\n7.0,4.7,versicolor\n6.3,6.0,virginica\n",
  "x,y,label\n0.5,2,1\n1.5,-1,0\n-3e2,4.25,2\n",
  '"a","b, quoted",y\r\n1,2,0\r\n3,"4",1\r\n',
  "1,0,2\n0,3,4\n2,5,6\n",
].map((text) => new TextEncoder().encode(text));

/** Pieces a hostile CSV is made of: numbers that break parsers, quotes, separators. */
const token = fc.constantFrom(
  "0",
  "1",
  "-1",
  "4294967296",
  "2147483648",
  "65536",
  "1e308",
  "-1e308",
  "1e400",
  "NaN",
  "Infinity",
  "0x10",
  "",
  " ",
  ",",
  ";",
  '"',
  '""',
  "\n",
  "\r",
  "\r\n",
  "\uFEFF",
  "cat",
  "é",
);
const madeUpCsv = fc.array(token, { maxLength: 40 }).map((parts) => parts.join(""));
const text = fc.oneof(
  mutated(SEEDS).map((bytes) => new TextDecoder().decode(bytes)),
  madeUpCsv,
  fc.string({ maxLength: 60 }),
);
const options: fc.Arbitrary<CsvOptions> = fc.record(
  {
    header: fc.boolean(),
    label: fc.constantFrom(0, -1),
    delimiter: fc.constantFrom(",", ";"),
    dtype: fc.constantFrom("float64" as const, "float32" as const),
    normalize: fc.constantFrom("min-max" as const, "standard" as const),
    minRows: fc.nat(3),
  },
  { requiredKeys: [] },
);

function expectUsable(data: ClassificationData): void {
  expect(data.length).toBeGreaterThan(0);
  expect(data.classes).toBeLessThanOrEqual(2 ** 31 - 1); // else int32 labels wrap
  expect(Array.from(data.inputs).every(Number.isFinite)).toBe(true);
  for (const label of data.labels) {
    expect(Number.isInteger(label) && label >= 0 && label < data.classes).toBe(true);
  }
}

function expectTyped(error: unknown): void {
  if (!(error instanceof DatasetError)) throw error;
}

const dir = mkdtempSync(join(tmpdir(), "datasets-csv-fuzz-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("CSV fuzzing", () => {
  it("parseCsv: every text, with any options, loads usable data or throws a DatasetError", () => {
    let loaded = 0;
    fc.assert(
      fc.property(text, options, (csv, opts) => {
        try {
          const data = parseCsv(csv, opts);
          if (opts.minRows !== 0) expectUsable(data);
          loaded++;
        } catch (error) {
          expectTyped(error);
        }
      }),
      { seed: 4, numRuns: 3000 },
    );
    expect(loaded).toBeGreaterThan(100);
  });

  it("loadCsv: mutated files (any bytes, not just valid UTF-8) load usable data or fail typed", async () => {
    const path = join(dir, "fuzz.csv");
    await fc.assert(
      fc.asyncProperty(mutated(SEEDS), async (bytes) => {
        writeFileSync(path, bytes);
        await loadCsv(path).then(expectUsable, expectTyped);
      }),
      { seed: 5, numRuns: 200 },
    );
  });
});
