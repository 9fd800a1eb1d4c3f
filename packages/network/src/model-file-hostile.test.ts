import fc from "fast-check";
import { describe, expect, it } from "vitest";
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
    const json = JSON.parse(valid);
    // Structural mutations of the parsed file: any value anywhere replaced by any JSON value.
    const paths: (string | number)[][] = [];
    const walk = (value: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (value && typeof value === "object")
        for (const [k, v] of Object.entries(value))
          walk(v, [...path, Array.isArray(value) ? Number(k) : k]);
    };
    walk(json, []);
    const property = fc.property(
      fc.nat(paths.length - 1),
      fc.jsonValue({ maxDepth: 3 }),
      (which, replacement) => {
        const file = structuredClone(json);
        const path = paths[which];
        if (path.length === 0) return;
        let parent = file;
        for (const key of path.slice(0, -1)) parent = parent[key];
        parent[path[path.length - 1]] = replacement;
        const error = modelError(JSON.stringify(file));
        if (error !== undefined) {
          expect(error).toBeInstanceOf(ModelFileError);
          expect((error as Error).message.length).toBeLessThan(600);
        }
      },
    );
    fc.assert(property, { seed: 15, numRuns: 400 });
    // Byte mutations of the text: truncations and replaced characters.
    const text = fc.property(
      fc.nat(valid.length),
      fc.string({ minLength: 1, maxLength: 1 }),
      (at, c) => {
        for (const mutated of [valid.slice(0, at), valid.slice(0, at) + c + valid.slice(at + 1)]) {
          const error = modelError(mutated);
          if (error !== undefined) expect(error).toBeInstanceOf(ModelFileError);
        }
      },
    );
    fc.assert(text, { seed: 15, numRuns: 400 });
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
