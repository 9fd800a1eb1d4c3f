import { describe, expect, it } from "vitest";
import { firstDifference, sameBits } from "../test/special-values";
import { type GemmOptions, gemmInto } from "./gemm";
import { type DType, Matrix } from "./matrix";
import {
  ARENA_MIN_PARAMETERS,
  decayInto,
  parameterArenaOf,
  parameterMatrices,
  sgdStepInto,
} from "./parameter-arena";
import { Rng } from "./random";
import { productInParameterArena } from "./wasm/gemm-wasm";

function expectSameBits(actual: Matrix, expected: Float64Array | Float32Array): void {
  expect(sameBits(actual.data, expected), firstDifference(actual.data, expected)).toBe(true);
}

/** The JS loops the kernels replace, written out. */
function loopStep(p: Float64Array | Float32Array, g: ArrayLike<number>, step: number) {
  for (let i = 0; i < p.length; i++) p[i] -= step * g[i];
}
function loopDecay(w: Float64Array | Float32Array, factor: number) {
  for (let i = 0; i < w.length; i++) w[i] *= factor;
}

/** Random values with the awkward ones mixed in: ±0, subnormals, huge, NaN, ±∞. */
function fill(x: Matrix, rng: Rng): void {
  const special = [
    0,
    -0,
    5e-324,
    -1e-310,
    1.5e-45,
    3e38,
    -3.4e38,
    1e300,
    Number.NaN,
    Infinity,
    -Infinity,
  ];
  for (let i = 0; i < x.data.length; i++) {
    x.data[i] = i % 97 === 0 ? special[(i / 97) % special.length] : rng.normal() * 3;
  }
}

describe("parameter arenas: the SGD step and the decay in place", () => {
  for (const dtype of ["float64", "float32"] as DType[]) {
    it(`${dtype}: the kernels give the JS loops' bits (odd lengths, specials)`, () => {
      const rng = new Rng(5);
      // A 129×129 weight matrix (over the threshold, odd) and its 129 biases.
      const [w, b, dw, db] = parameterMatrices(
        [
          [129, 129],
          [129, 1],
        ],
        dtype,
      );
      expect(w.data.buffer).toBe(dw.data.buffer); // in one arena: the kernels run
      expect(w.data.buffer).not.toBeInstanceOf(SharedArrayBuffer);
      for (const x of [w, b, dw, db]) fill(x, rng);
      const expectedW = w.data.slice();
      const expectedB = b.data.slice();
      for (const [step, factor] of [
        [0.003, 0.99997],
        [-1.7, 1 / 3],
        [1e-8, 1.0000001],
      ]) {
        sgdStepInto(w, dw, step);
        sgdStepInto(b, db, step);
        loopStep(expectedW, dw.data, step);
        loopStep(expectedB, db.data, step);
        decayInto(w, factor);
        loopDecay(expectedW, factor);
      }
      expectSameBits(w, expectedW);
      expectSameBits(b, expectedB);
    });
  }

  it("small layers get plain arrays, and the same results by the JS loops", () => {
    const [w, b, dw] = parameterMatrices(
      [
        [10, 30],
        [10, 1],
      ],
      "float32",
    );
    expect(w.data.buffer).not.toBe(dw.data.buffer);
    expect(10 * 31).toBeLessThan(ARENA_MIN_PARAMETERS);
    w.data.fill(1);
    dw.data.fill(0.25);
    sgdStepInto(w, dw, 2);
    decayInto(w, 0.5);
    expect(Array.from(w.data.slice(0, 3))).toEqual([0.25, 0.25, 0.25]);
    expect(b.data.every((v) => v === 0)).toBe(true);
  });

  it("matrices come zeroed, in order: parameters then gradients, with the shapes asked for", () => {
    const matrices = parameterMatrices(
      [
        [200, 100],
        [200, 1],
      ],
      "float64",
    );
    expect(matrices.map((m) => [m.rows, m.cols, m.dtype])).toEqual([
      [200, 100, "float64"],
      [200, 1, "float64"],
      [200, 100, "float64"],
      [200, 1, "float64"],
    ]);
    expect(matrices.every((m) => m.data.every((v) => v === 0))).toBe(true);
  });

  it("a gradient of another length is refused", () => {
    const [w] = parameterMatrices([[200, 100]], "float64");
    const [, other] = parameterMatrices(
      [
        [10, 10],
        [20, 1],
      ],
      "float64",
    );
    expect(() => sgdStepInto(w, other, 0.1)).toThrow(
      "sgdStepInto: the parameters hold 20000 values but the gradient 20",
    );
  });
});

describe("parameter arenas: products inside, without copying the weights", () => {
  /** A dense layer's three products on a batch of m, and its matrices outside any arena. */
  function layer(dtype: DType, inputs: number, outputs: number, m: number, columns = 64) {
    const rng = new Rng(11);
    const [w, , dw] = parameterMatrices(
      [
        [outputs, inputs],
        [outputs, 1],
      ],
      dtype,
      { productColumns: columns },
    );
    w.data.set(Array.from({ length: w.data.length }, () => rng.normal()));
    const x = Matrix.zeros(inputs, m, dtype);
    const delta = Matrix.zeros(outputs, m, dtype);
    for (const v of [x, delta])
      v.data.set(Array.from({ length: v.data.length }, () => rng.normal()));
    return { w, dw, x, delta };
  }

  /** The same product by gemm's scratch memory (operands outside the arena) and by JS loops. */
  function references(c: Matrix, a: Matrix, b: Matrix, options: GemmOptions) {
    const outside = (v: Matrix) => new Matrix(v.rows, v.cols, v.data.slice());
    const scratch = gemmInto(outside(c), outside(a), outside(b), options);
    const js = gemmInto(outside(c), outside(a), outside(b), { ...options, kernel: "js" });
    return { scratch, js };
  }

  for (const dtype of ["float64", "float32"] as DType[]) {
    it(`${dtype}: w·x, wᵀ·δ and δ·xᵀ in the arena give gemm's scratch bits`, () => {
      const { w, dw, x, delta } = layer(dtype, 130, 150, 10);
      const z = Matrix.zeros(150, 10, dtype);
      const back = Matrix.zeros(130, 10, dtype);
      const cases: [Matrix, Matrix, Matrix, GemmOptions][] = [
        [z, w, x, {}], // feedforward: a resident, b and c copied
        [back, w, delta, { transA: true }], // BP2
        [dw, delta, x, { transB: true }], // BP4: c resident, a and b copied
      ];
      for (const [c, a, b, options] of cases) {
        const m = options.transA ? a.cols : a.rows;
        const k = options.transA ? a.rows : a.cols;
        const n = options.transB ? b.rows : b.cols;
        const { scratch, js } = references(c, a, b, options);
        c.data.fill(Number.NaN); // overwritten, as gemm does
        const ran = productInParameterArena(c, a, b, m, n, k, !!options.transA, !!options.transB);
        expect(ran).toBe(true);
        expectSameBits(c, scratch.data);
        // float64's kernels sum in the JS loops' order; float32's round differently.
        if (dtype === "float64") expectSameBits(c, js.data);
        else for (let i = 0; i < c.data.length; i++) expect(c.data[i]).toBeCloseTo(js.data[i], 3);
        // And through gemmInto, which takes this path first: the room's shape shows it ran.
        const room = parameterArenaOf(w.data)?.room;
        if (!room) throw new Error("no operand room");
        room.shape.m = -1;
        c.data.fill(Number.NaN);
        gemmInto(c, a, b, options);
        expectSameBits(c, scratch.data);
        expect(room.shape.m).toBe(m);
      }
    });
  }

  it("a resident ∂C/∂w is written without touching its neighbours (w, b, ∂b)", () => {
    const rng = new Rng(3);
    const [w, b, dw, db] = parameterMatrices(
      [
        [150, 130],
        [150, 1],
      ],
      "float32",
      { productColumns: 16 },
    );
    for (const v of [w, b, db])
      v.data.set(Array.from({ length: v.data.length }, () => rng.normal()));
    const kept = [w, b, db].map((v) => v.data.slice());
    const delta = new Matrix(
      150,
      10,
      Float32Array.from({ length: 1500 }, () => rng.normal()),
    );
    const x = new Matrix(
      130,
      10,
      Float32Array.from({ length: 1300 }, () => rng.normal()),
    );
    expect(productInParameterArena(dw, delta, x, 150, 130, 10, false, true)).toBe(true);
    for (const [i, v] of [w, b, db].entries()) expectSameBits(v, kept[i]);
  });

  it("views of the output that overlap an input go the copying way, and still multiply right", () => {
    const [w] = parameterMatrices([[200, 100]], "float64", { productColumns: 8 });
    new Rng(9).fillNormal(w.data);
    // c: rows 0-7 of w seen as 8 × 100; a: rows 4-11 as 8 × 100. Overlapping.
    const c = new Matrix(8, 100, w.data.subarray(0, 800));
    const a = new Matrix(8, 8, w.data.subarray(400, 464));
    const b = new Matrix(8, 100, w.data.subarray(800, 1600));
    const d = new Matrix(8, 100, w.data.subarray(300, 1100)); // overlaps c and b
    expect(productInParameterArena(c, a, b, 8, 100, 8, false, false)).toBe(false);
    expect(productInParameterArena(c, a, d, 8, 100, 8, false, false)).toBe(false);
    const expected = gemmInto(Matrix.zeros(8, 100), a.clone(), b.clone(), { kernel: "js" });
    gemmInto(c, new Matrix(8, 8, a.data.slice()), b);
    expectSameBits(c, expected.data);
  });

  it("refuses a productColumns that is not a non-negative integer", () => {
    for (const bad of [-1, 2.5, Number.NaN]) {
      expect(() => parameterMatrices([[200, 100]], "float64", { productColumns: bad })).toThrow(
        /parameterMatrices: productColumns must be a non-negative integer/,
      );
    }
  });

  it("batches wider than the room, other precisions and arenas without room go elsewhere", () => {
    const { w, x } = layer("float64", 130, 150, 65); // z: 150 × 65 values > the room's 150 × 64
    const z = Matrix.zeros(150, 65, "float64");
    expect(productInParameterArena(z, w, x, 150, 65, 130, false, false)).toBe(false);
    gemmInto(z, w, x); // still right, by the scratch memory
    expectSameBits(z, references(z, w, x, {}).js.data);

    const narrow = layer("float64", 130, 150, 10, 0); // no room asked for
    const z10 = Matrix.zeros(150, 10, "float64");
    expect(productInParameterArena(z10, narrow.w, narrow.x, 150, 10, 130, false, false)).toBe(
      false,
    );
    const x32 = Matrix.zeros(130, 10, "float32");
    const wide = layer("float64", 130, 150, 10);
    expect(productInParameterArena(z10, wide.w, x32, 150, 10, 130, false, false)).toBe(false);
  });
});
