import { gzipSync } from "node:zlib";
import { Rng } from "@backprop/linalg";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { madeUpIdx, mutated } from "../test/fuzz-arbitraries";
import { ALL_TYPES, randomTensor } from "../test/idx-fixtures";
import { DatasetError } from "./errors";
import type { IdxTensor } from "./idx-types";
import { loadIdxBytes } from "./node/load-idx";
import { parseIdx } from "./parse-idx";
import { parseIdxFile } from "./parse-idx-file";
import { writeIdx } from "./write-idx";

// Seeded, bounded fuzzing of every way bytes become an IDX tensor: each input is either
// parsed into a tensor whose size matches its header, or refused with a DatasetError.
// Any other exception (a RangeError from a typed array, a TypeError) fails the test.
const rng = new Rng(2026);
const plainSeeds = ALL_TYPES.flatMap((type) => [
  writeIdx(randomTensor(type, [3], rng)),
  writeIdx(randomTensor(type, [2, 2, 3], rng)),
]);
const gzipSeeds = plainSeeds.map((bytes) => gzipSync(bytes));

function expectWellFormed(tensor: IdxTensor): void {
  expect(tensor.data.length).toBe(tensor.dims.reduce((a, b) => a * b, 1));
}

function expectTyped(error: unknown): void {
  if (!(error instanceof DatasetError)) throw error; // shows the untyped error itself
}

describe("IDX fuzzing", () => {
  it("parseIdx: mutated files and made-up headers parse or throw a DatasetError", () => {
    let parsed = 0;
    fc.assert(
      fc.property(fc.oneof(mutated(plainSeeds), madeUpIdx), (bytes) => {
        try {
          expectWellFormed(parseIdx(bytes));
          parsed++;
        } catch (error) {
          expectTyped(error);
        }
      }),
      { seed: 1, numRuns: 3000 },
    );
    expect(parsed).toBeGreaterThan(0); // the generators do reach valid files
  });

  it("both gzip paths: mutated gzip files, and gzip of mutated files, give only typed errors", async () => {
    const input = fc.oneof(
      mutated(gzipSeeds),
      fc.oneof(mutated(plainSeeds), madeUpIdx).map((bytes) => gzipSync(bytes)),
    );
    await fc.assert(
      fc.asyncProperty(input, async (bytes) => {
        for (const parse of [parseIdxFile, loadIdxBytes]) {
          await parse(bytes).then(expectWellFormed, expectTyped);
        }
      }),
      { seed: 2, numRuns: 300 },
    );
  });

  it("gzip paths with a small maxBytes: every refusal is typed", async () => {
    await fc.assert(
      fc.asyncProperty(mutated(gzipSeeds), fc.integer({ min: 1, max: 200 }), async (bytes, max) => {
        for (const parse of [parseIdxFile, loadIdxBytes]) {
          await parse(bytes, { maxBytes: max }).then(expectWellFormed, expectTyped);
        }
      }),
      { seed: 3, numRuns: 200 },
    );
  });
});
