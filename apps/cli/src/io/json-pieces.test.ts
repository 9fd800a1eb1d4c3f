import {
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { writeJsonFileAtomic } from "./atomic-write";
import { FileAccessError } from "./file-errors";
import { writeJsonPieces } from "./json-pieces";

function pieces(value: unknown, pieceChars?: number): string[] {
  const out: string[] = [];
  writeJsonPieces(value, (piece) => out.push(piece), pieceChars);
  return out;
}

/** Numbers as a model file holds them, and the ones JSON writes as null or 0. */
const number = fc.oneof(
  fc.double(),
  fc.float().map(Math.fround),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 1e21, 5e-324),
);

const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    number,
    fc.string({ unit: "binary" }),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.date({ noInvalidDate: true }),
    fc.array(number, { maxLength: 5000 }),
    fc.array(tie("value"), { maxLength: 6 }),
    fc.dictionary(fc.string({ unit: "binary" }), tie("value"), { maxKeys: 6 }),
  ),
})).value;

describe("writeJsonPieces", () => {
  it("writes exactly JSON.stringify's text, for any plain data", () => {
    fc.assert(
      fc.property(json, fc.integer({ min: 1, max: 5000 }), (value, pieceChars) => {
        const expected = JSON.stringify(value);
        expect(pieces(value, pieceChars).join("")).toBe(expected ?? "");
      }),
      { numRuns: 300 },
    );
  });

  it("never holds the text whole: a million weights go out in pieces of about the size asked for", () => {
    const weights = Array.from({ length: 1_000_000 }, (_, i) => Math.fround(Math.sin(i) / 7));
    const model = { format: "backprop-model", layers: [{ weights, biases: [0.5, -0.25] }] };
    const out = pieces(model, 1 << 16);
    expect(out.join("")).toBe(JSON.stringify(model));
    expect(out.length).toBeGreaterThan(100);
    // A piece is the size asked for plus at most one array piece of 2048 numbers (≤ 25 chars each).
    for (const piece of out) expect(piece.length).toBeLessThan((1 << 16) + 2048 * 26);
  });

  it("treats objects with toJSON or a prototype, and undefined members, as JSON.stringify does", () => {
    class Point {
      constructor(
        readonly x: number,
        readonly y: number,
      ) {}
    }
    const value = {
      when: new Date(0),
      point: new Point(1, 2),
      custom: { toJSON: () => ["swapped"] },
      gone: undefined,
      fn: () => 1,
      list: [undefined, () => 1, Symbol("s"), 1],
      // biome-ignore lint/suspicious/noSparseArray: a hole, which JSON writes as null
      sparse: [1, , 3],
    };
    expect(pieces(value).join("")).toBe(JSON.stringify(value));
  });
});

describe("writeJsonPieces, where values are not plain data", () => {
  class Tagged extends Array<number> {
    toJSON() {
      return "tagged";
    }
  }
  const cases: [string, unknown][] = [
    [
      "a toJSON that returns undefined, in an object and an array",
      {
        a: { toJSON: () => undefined },
        b: 1,
        list: [{ toJSON: () => undefined }, 1],
      },
    ],
    [
      "a toJSON given its key",
      { a: { toJSON: (key: string) => key }, list: [[{ toJSON: (k: string) => k }]] },
    ],
    ["an array with its own toJSON", { w: Object.assign([1, 2, 3], { toJSON: () => "packed" }) }],
    ["an array subclass with a toJSON", { w: Tagged.from([1, 2, 3]) }],
    [
      "boxed primitives and a key named __proto__",
      { n: Object(1), s: Object("x"), ["__proto__"]: [1] },
    ],
    ["a toJSON at the top level", { toJSON: (key: string) => ({ key, values: [1.5, 2] }) }],
  ];
  for (const [what, value] of cases) {
    it(`writes ${what} as JSON.stringify does`, () => {
      for (const pieceChars of [1, 1 << 16])
        expect(pieces(value, pieceChars).join("")).toBe(JSON.stringify(value));
    });
  }

  it("refuses a cycle with JSON.stringify's TypeError, also one through an array", () => {
    const loop: Record<string, unknown> = { a: 1 };
    loop.self = { back: [loop] };
    expect(() => pieces(loop)).toThrow(TypeError);
    expect(() => pieces(loop)).toThrow(/circular/);
    const shared = { x: 1 };
    expect(pieces({ a: shared, b: [shared] }).join("")).toBe('{"a":{"x":1},"b":[{"x":1}]}');
  });
});

describe("writeJsonFileAtomic", () => {
  it("writes the JSON text, keeping the old file's permissions", () => {
    const d = mkdtempSync(join(tmpdir(), "backprop-json-"));
    const path = join(d, "model.json");
    writeFileSync(path, "old", { mode: 0o640 });
    const value = { weights: Array.from({ length: 50_000 }, (_, i) => i / 3), name: "é ✓ \u2028" };
    writeJsonFileAtomic(path, value, "--save");
    expect(readFileSync(path, "utf8")).toBe(JSON.stringify(value));
    expect(statSync(path).mode & 0o777).toBe(0o640);
  });

  it("never writes through a link left at its temporary file's name", () => {
    const d = mkdtempSync(join(tmpdir(), "backprop-json-"));
    const path = join(d, "model.json");
    writeFileSync(join(d, "elsewhere.txt"), "keep me");
    symlinkSync(join(d, "elsewhere.txt"), `${path}.${process.pid}.tmp`);
    writeJsonFileAtomic(path, { weights: [1, 2] }, "--save");
    expect(readFileSync(path, "utf8")).toBe('{"weights":[1,2]}');
    expect(readFileSync(join(d, "elsewhere.txt"), "utf8")).toBe("keep me");
    expect(lstatSync(path).isSymbolicLink()).toBe(false);
  });

  it("replaces nothing when the value cannot be written, and leaves no temporary file", () => {
    const d = mkdtempSync(join(tmpdir(), "backprop-json-"));
    const path = join(d, "checkpoint.json");
    writeFileSync(path, "the previous checkpoint");
    const bad = { weights: [1, 2, 3], count: 10n }; // JSON.stringify throws on a BigInt
    expect(() => writeJsonFileAtomic(path, bad, "--checkpoint")).toThrow(FileAccessError);
    expect(() => writeJsonFileAtomic(path, bad, "--checkpoint")).toThrow(
      /--checkpoint: could not write .*nothing was replaced/,
    );
    expect(readFileSync(path, "utf8")).toBe("the previous checkpoint");
    expect(readdirSync(d)).toEqual(["checkpoint.json"]);
  });
});
