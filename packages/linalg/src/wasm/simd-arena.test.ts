import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectClose } from "../../test/arbitraries";
import { gemmNaiveInto } from "../gemm-naive";
import { Matrix } from "../matrix";
import { Rng } from "../random";
import { SparseColumns } from "../sparse-columns";
import { fromPanels, panelsFor, toPanels } from "./panels";
import { SimdArena } from "./simd-arena";

/** A random sparse k × m batch (about 20% non-zeros) and dense weights wT (k × h). */
function problem(k: number, h: number, m: number, seed: number) {
  const rng = new Rng(seed);
  const x = Matrix.zeros(k, m);
  for (let i = 0; i < x.data.length; i++) if (rng.uniform() < 0.2) x.data[i] = rng.uniform();
  const wT = new Matrix(k, h, rng.fillNormal(new Float64Array(k * h)));
  const delta = new Matrix(h, m, rng.fillNormal(new Float64Array(h * m)));
  return { x, wT, delta, sparse: SparseColumns.fromDense(x) };
}

/** The sparse batch copied into the arena, its values in the given precision. */
function load(arena: SimdArena, s: SparseColumns, dtype: "float64" | "float32" = "float64") {
  const colStart = arena.i32(s.cols + 1);
  colStart.set(s.colStart);
  const rowIndex = arena.i32(Math.max(1, s.nonZeros));
  rowIndex.set(s.rowIndex.subarray(0, s.nonZeros));
  const values = arena.floats(Math.max(1, s.nonZeros), dtype);
  values.set(s.values.subarray(0, s.nonZeros));
  return { colStart, rowIndex, values };
}

describe("WebAssembly SIMD kernels against the naive loop", () => {
  it("sparseForward: z = (wT)ᵀ·x, odd and even h, partial and empty columns", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 48 }),
        fc.integer({ min: 1, max: 12 }),
        fc.nat(),
        (k, h, m, seed) => {
          const { x, wT, sparse } = problem(k, h, m, seed);
          const arena = SimdArena.create(1 << 20)!;
          const p = panelsFor(k, h, 8);
          const w = toPanels(p, wT.data, arena.f64(p.length));
          const z = arena.f64(p.padded * m);
          arena.sparseForward(w, p, load(arena, sparse), m, z, arena.f64(p.padded));
          const expected = gemmNaiveInto(Matrix.zeros(h, m), wT, x, 1, 0, true, false);
          expectClose(new Matrix(h, m, z.subarray(0, h * m)), expected);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("sparseGradient: gT += x·δᵀ", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 48 }),
        fc.integer({ min: 1, max: 12 }),
        fc.nat(),
        (k, h, m, seed) => {
          const { x, delta, sparse } = problem(k, h, m, seed);
          const arena = SimdArena.create(1 << 20)!;
          const p = panelsFor(k, h, 8);
          const gT = arena.f64(p.length).fill(0.5);
          const d = arena.f64(p.padded * m);
          d.set(delta.data);
          arena.sparseGradient(gT, p, load(arena, sparse), m, d, arena.f64(p.padded));
          const start = new Matrix(k, h, new Float64Array(k * h).fill(0.5));
          const expected = gemmNaiveInto(start, x, delta, 1, 1, false, true);
          expectClose(new Matrix(k, h, fromPanels(p, gT)), expected);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("sgdStep does the JS update's roundings exactly and reports non-finite results", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 33 }),
        fc.double({ min: 1e-3, max: 10, noNaN: true }),
        (values, rate) => {
          const arena = SimdArena.create(65536)!;
          const w = arena.f64(values.length);
          w.set(values);
          const g = arena.f64(values.length);
          for (let i = 0; i < g.length; i++) g[i] = Math.sin(i + 1) * 3;
          const expected = values.map((v, i) => v - rate * g[i]);
          expect(arena.sgdStep(w, g, rate)).toBe(true);
          expect(Array.from(w)).toEqual(expected);
        },
      ),
    );
    const arena = SimdArena.create(65536)!;
    const w = arena.f64(3);
    const g = arena.f64(3);
    g[2] = Number.NaN;
    expect(arena.sgdStep(w, g, 1)).toBe(false);
  });

  it("float32 kernels (f32x4, leftovers of 1–3 lanes) agree with the float64 loop within float32 precision", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 70 }),
        fc.integer({ min: 1, max: 12 }),
        fc.nat(),
        (k, h, m, seed) => {
          const { x, wT, delta, sparse } = problem(k, h, m, seed);
          const arena = SimdArena.create(1 << 20)!;
          const p = panelsFor(k, h, 4);
          const w = toPanels(p, wT.data, arena.f32(p.length));
          const s = load(arena, sparse, "float32");
          const z = arena.f32(p.padded * m);
          arena.sparseForward(w, p, s, m, z, arena.f32(p.padded));
          expectClose(
            new Matrix(h, m, Float64Array.from(z.subarray(0, h * m))),
            gemmNaiveInto(Matrix.zeros(h, m), wT, x, 1, 0, true, false),
            1e-5,
          );
          const gT = arena.f32(p.length);
          const d = arena.f32(p.padded * m);
          d.set(delta.data);
          arena.sparseGradient(gT, p, s, m, d, arena.f32(p.padded));
          expectClose(
            new Matrix(k, h, fromPanels(p, gT)),
            gemmNaiveInto(Matrix.zeros(k, h), x, delta, 1, 0, false, true),
            1e-5,
          );
          const before = Float32Array.from(w);
          expect(arena.sgdStep(w, gT, 0.5)).toBe(true);
          for (let i = 0; i < w.length; i++)
            expect(Math.abs(w[i] - (before[i] - 0.5 * gT[i]))).toBeLessThanOrEqual(
              1e-5 * (1 + Math.abs(before[i])),
            );
        },
      ),
      { numRuns: 100 },
    );
  });

  it("scale (L2 decay) does the JS loop's roundings: bit for bit in float64, within 1 ulp in float32", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 37 }),
        fc.double({ min: 0.5, max: 1, noNaN: true }),
        (values, factor) => {
          const arena = SimdArena.create(65536)!;
          const x = arena.f64(values.length);
          x.set(values);
          arena.scale(x, factor);
          expect(Array.from(x)).toEqual(values.map((v) => factor * v));
          const y = arena.f32(values.length);
          y.set(values);
          const expected = Float32Array.from(y, (v) => factor * v);
          arena.scale(y, factor);
          for (let i = 0; i < y.length; i++)
            expect(Math.abs(y[i] - expected[i])).toBeLessThanOrEqual(
              2 ** -23 * Math.abs(expected[i]) + 2 ** -149,
            );
        },
      ),
    );
  });

  it("expandBytes widens u16 indices and maps u8 values through the table, any count", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 65535 }), fc.integer({ min: 0, max: 255 })), {
          maxLength: 40,
        }),
        (pairs) => {
          const arena = SimdArena.create(1 << 16)!;
          const n = pairs.length;
          const rows16 = arena.u16(Math.max(1, n));
          const bytes = arena.u8(Math.max(1, n));
          pairs.forEach(([r, v], t) => {
            rows16[t] = r;
            bytes[t] = v;
          });
          for (const dtype of ["float64", "float32"] as const) {
            const table = arena.floats(256, dtype);
            for (let v = 0; v < 256; v++) table[v] = v / 255;
            const s = {
              colStart: arena.i32(2),
              rowIndex: arena.i32(Math.max(1, n)),
              values: arena.floats(Math.max(1, n), dtype),
            };
            arena.expandBytes(s, rows16, bytes, n, table);
            expect(Array.from(s.rowIndex.subarray(0, n))).toEqual(pairs.map(([r]) => r));
            const round = dtype === "float32" ? Math.fround : (x: number) => x;
            expect(Array.from(s.values.subarray(0, n))).toEqual(
              pairs.map(([, v]) => round(v / 255)),
            );
          }
        },
      ),
    );
  });

  it("refuses to hand out more than it holds, and its views never detach", () => {
    const arena = SimdArena.create(65536)!;
    const first = arena.f64(8000);
    expect(() => arena.f64(1000)).toThrow(/used up/);
    expect(first.length).toBe(8000);
  });

  it("the committed binary is built from kernels.wat", () => {
    const script = fileURLToPath(new URL("../../scripts/build-wasm.mjs", import.meta.url));
    expect(execFileSync(process.execPath, [script, "--check"], { encoding: "utf8" })).toMatch(
      /matches kernels.wat/,
    );
  });
});
