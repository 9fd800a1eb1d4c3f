import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fuzzModelFile } from "../test/fuzz-model-file";
import { ModelFileError } from "./errors";
import { loadModel, modelToJson } from "./model-file";
import { Network } from "./network";
import { fromNetwork2Json, toNetwork2Json } from "./network2-format";

/** Bytes the process holds beyond V8's heap and buffers' before `run`, peak sampled after. */
function growthOf(run: () => void): number {
  const before = process.memoryUsage();
  run();
  const after = process.memoryUsage();
  return Math.max(after.rss - before.rss, after.arrayBuffers - before.arrayBuffers);
}

function modelError(source: unknown): unknown {
  try {
    loadModel(source);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("model files from a hostile source", () => {
  it("reject a small file declaring a huge network before allocating it", () => {
    const bomb = JSON.stringify({
      format: "backprop-network",
      version: 1,
      sizes: [30000, 30000],
      activations: ["sigmoid"],
      cost: "quadratic",
      weights: [[[0]]],
      biases: [[0]],
    });
    expect(bomb.length).toBeLessThan(200);
    let error: unknown;
    const growth = growthOf(() => {
      error = modelError(bomb);
    });
    expect(error).toBeInstanceOf(ModelFileError);
    expect((error as ModelFileError).path).toBe("weights[0]");
    expect((error as Error).message).toBe(
      "model file, at weights[0]: expected 30000 entries, found 1",
    );
    expect(growth).toBeLessThan(100 * 2 ** 20);
  });

  it("reject network2.py files whose cost names a prototype property", () => {
    const file = JSON.parse(toNetwork2Json(new Network({ sizes: [2, 3, 1], seed: 0 })));
    for (const name of ["toString", "constructor", "__proto__", "hasOwnProperty"]) {
      expect(() => fromNetwork2Json(JSON.stringify({ ...file, cost: name }))).toThrow(
        ModelFileError,
      );
    }
  });

  it("reject metadata nested too deep, with a path, not a stack overflow", () => {
    const file = JSON.parse(modelToJson(new Network({ sizes: [2, 1], seed: 0 })));
    const text = JSON.stringify(file).replace(
      /}$/,
      `,"metadata":{"a":${"[".repeat(50_000)}${"]".repeat(50_000)}}}`,
    );
    const error = modelError(text);
    expect(error).toBeInstanceOf(ModelFileError);
    expect((error as ModelFileError).path.startsWith("metadata.a[0]")).toBe(true);
  });

  it("give only ModelFileErrors, never raw ones, for mutated files (seeded)", () => {
    const valid = modelToJson(new Network({ sizes: [3, 2, 2], seed: 1 }), { note: "x" });
    fuzzModelFile(valid, (text) => loadModel(text), {
      seed: 15,
      structuralRuns: 400,
      textRuns: 400,
    });
  });

  it("give only ModelFileErrors for mutated network2.py files (seeded)", () => {
    const valid = toNetwork2Json(new Network({ sizes: [3, 2, 2], seed: 1 }));
    fc.assert(
      fc.property(fc.nat(valid.length), fc.string({ maxLength: 3 }), (at, inserted) => {
        for (const mutated of [
          valid.slice(0, at),
          valid.slice(0, at) + inserted + valid.slice(at + 1),
        ]) {
          try {
            fromNetwork2Json(mutated);
          } catch (error) {
            expect(error).toBeInstanceOf(ModelFileError);
          }
        }
      }),
      { seed: 3, numRuns: 500 },
    );
  });
});
