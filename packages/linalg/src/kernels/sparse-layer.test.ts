import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { byteBatch } from "../../test/byte-batch";
import { gemmNaiveInto } from "../gemm-naive";
import { type DType, Matrix } from "../matrix";
import { Rng } from "../random";
import { SparseColumns } from "../sparse-columns";
import { panelsFor } from "../wasm/panels";
import { AUTO_THREADS_MIN_WORK, threadsFor } from "../wasm/sparse-layer-simd";
import { createSparseLayer } from "./sparse-layer";

const KINDS = [
  ["js", { kernels: "js" }],
  ["wasm", { kernels: "auto" }],
  ["wasm, 2 threads", { kernels: "auto", threads: 2 }],
] as const;

function weights(hidden: number, inputs: number, seed: number, dtype: DType = "float64") {
  const data = new Rng(seed).fillNormal(new Float64Array(hidden * inputs));
  return Matrix.fromFlat(hidden, inputs, data, dtype);
}

describe("the sparse first layer behind the kernel seam", () => {
  it.each(KINDS)("%s: z = w·x and ∂C/∂w¹ = δxᵀ equal the naive dense products", (_, options) => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 70 }),
        fc.integer({ min: 1, max: 8 }),
        fc.nat(),
        (inputs, hidden, m, seed) => {
          const rng = new Rng(seed);
          const w = weights(hidden, inputs, seed);
          const layer = createSparseLayer(w, m, options);
          const x = byteBatch(inputs, m, rng).toSparseColumns();
          layer.setInput(x);
          const z = Matrix.zeros(hidden, m);
          layer.forward(z);
          const zRef = gemmNaiveInto(Matrix.zeros(hidden, m), w, x.toDense());
          const delta = new Matrix(hidden, m, rng.fillNormal(new Float64Array(hidden * m)));
          layer.weightGradient(delta);
          const gRef = gemmNaiveInto(
            Matrix.zeros(hidden, inputs),
            delta,
            x.toDense(),
            1,
            0,
            false,
            true,
          );
          // The block's gradient in the model's layout, through its own state conversion.
          const gradient = layer.block.stateToModel(Float64Array.from(layer.block.gradient));
          layer.close();
          for (let i = 0; i < z.data.length; i++) expect(z.data[i]).toBeCloseTo(zRef.data[i], 12);
          for (let i = 0; i < gradient.length; i++)
            expect(gradient[i]).toBeCloseTo(gRef.data[i], 12);
        },
      ),
      { numRuns: 30 },
    );
  });

  it.each(KINDS)("%s: refuses batches and buffers of the wrong shape", (_, options) => {
    const layer = createSparseLayer(weights(3, 4, 1), 2, options);
    const tooTall = SparseColumns.fromDense(Matrix.zeros(40, 2).fill(1));
    expect(() => layer.setInput(tooTall)).toThrow(
      /sparse batch is 40×2, but this layer takes 4 inputs/,
    );
    const ok = SparseColumns.fromDense(
      Matrix.fromArrays([
        [1, 0],
        [0, 2],
        [0, 0],
        [3, 0],
      ]),
    );
    layer.setInput(ok);
    expect(() => layer.forward(Matrix.zeros(3, 3))).toThrow(RangeError);
    layer.close();
  });

  it("the SIMD layer's weights round-trip through the model's layout", () => {
    const w = weights(3, 5, 2);
    const before = Array.from(w.data);
    const layer = createSparseLayer(w, 4);
    expect(layer.kernels).toBe("wasm");
    expect(layer.block.rows).toBe(3); // the model's shape, whatever the layout inside
    expect(layer.block.cols).toBe(5);
    layer.block.values.fill(0.5); // padding included: it is the kernels' to keep 0
    layer.syncWeights();
    expect(Array.from(w.data).every((v) => v === 0.5)).toBe(true);
    w.data.set(before);
    layer.loadWeights();
    layer.syncWeights();
    expect(Array.from(w.data)).toEqual(before);
    // state buffers convert both ways
    const state = layer.block.createState();
    layer.block.stateFromModel(before, state);
    expect(Array.from(layer.block.stateToModel(state))).toEqual(before);
  });

  it.each([
    ["float64", "js"],
    ["float64", "auto"],
    ["float32", "js"],
    ["float32", "auto"],
  ] as const)(
    "%s, %s: a batch given as stored bytes gives the same z and ∂C/∂w¹ as its sparse form",
    (dtype, kernels) => {
      const rng = new Rng(5);
      const [inputs, hidden, m] = [50, 40, 6];
      const bytes = byteBatch(inputs, m, rng);
      const delta = new Matrix(hidden, m, rng.fillNormal(new Float64Array(hidden * m)));
      const run = (feed: (layer: ReturnType<typeof createSparseLayer>) => void) => {
        const layer = createSparseLayer(weights(hidden, inputs, 3, dtype), m, { kernels });
        feed(layer);
        const z = Matrix.zeros(hidden, m, dtype);
        layer.forward(z);
        layer.weightGradient(Matrix.fromFlat(hidden, m, delta.data, dtype));
        return { z: Array.from(z.data), gradient: Array.from(layer.block.gradient) };
      };
      const fromBytes = run((layer) => layer.setInputBytes(bytes));
      expect(fromBytes).toEqual(run((layer) => layer.setInput(bytes.toSparseColumns(dtype))));
      expect(fromBytes.z.some((v) => v !== 0)).toBe(true);
      const narrow = createSparseLayer(weights(hidden, inputs, 3, dtype), m - 1, { kernels });
      expect(() => narrow.setInputBytes(bytes)).toThrow(/at most 5 samples per batch/);
    },
  );
});

describe("threads for the SIMD layer", () => {
  it('"auto" starts no kernel thread for a small layer and batch; 2 is always honoured', () => {
    const seed = panelsFor(784, 30, 8); // the seed's 784-30-10: two panels of 16 neurons
    expect(seed.widths[1]).toBeGreaterThan(0);
    expect(threadsFor(seed, 30 * 10, "auto")).toBe(1);
    expect(threadsFor(seed, 30 * 10, 2)).toBe(2);
    expect(threadsFor(panelsFor(784, 100, 8), AUTO_THREADS_MIN_WORK, "auto")).toBe("auto");
    expect(threadsFor(panelsFor(784, 10, 8), 10_000, 2)).toBe(1); // one panel: nothing to share
  });
});
