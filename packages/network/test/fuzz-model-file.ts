import fc from "fast-check";
import { expect } from "vitest";
import { ModelFileError } from "../src/errors";

/**
 * The seeded fuzz both model formats go through: `valid` (a file's JSON text) mutated
 * structurally (any value at any path of the parsed file replaced by one `replacement`
 * draws) and as text (truncated, one character replaced); `load` may accept a mutation or
 * throw, and what it throws must be a ModelFileError with a readable message.
 */
export function fuzzModelFile(
  valid: string,
  load: (text: string) => unknown,
  options: {
    seed: number;
    structuralRuns: number;
    textRuns: number;
    replacement?: fc.Arbitrary<unknown>;
  },
): void {
  const json = JSON.parse(valid);
  const paths: (string | number)[][] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (value && typeof value === "object")
      for (const [k, v] of Object.entries(value))
        walk(v, [...path, Array.isArray(value) ? Number(k) : k]);
  };
  walk(json, []);
  const expectTyped = (text: string) => {
    try {
      load(text);
    } catch (error) {
      expect(error).toBeInstanceOf(ModelFileError);
      expect((error as Error).message.length).toBeLessThan(600);
    }
  };
  const replacement = options.replacement ?? fc.jsonValue({ maxDepth: 3 });
  fc.assert(
    fc.property(fc.nat(paths.length - 1), replacement, (which, value) => {
      const path = paths[which];
      if (path.length === 0) return;
      const file = structuredClone(json);
      let parent = file;
      for (const key of path.slice(0, -1)) parent = parent[key];
      parent[path[path.length - 1]] = value;
      expectTyped(JSON.stringify(file));
    }),
    { seed: options.seed, numRuns: options.structuralRuns },
  );
  fc.assert(
    fc.property(fc.nat(valid.length), fc.string({ minLength: 1, maxLength: 1 }), (at, c) => {
      expectTyped(valid.slice(0, at));
      expectTyped(valid.slice(0, at) + c + valid.slice(at + 1));
    }),
    { seed: options.seed, numRuns: options.textRuns },
  );
}
