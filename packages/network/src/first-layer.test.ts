import { ByteColumns, Matrix, Rng, SparseColumns } from "@backprop/linalg";
import { describe, expect, it } from "vitest";
import { createFirstLayer } from "./first-layer";
import { Network } from "./network";

describe("first-layer strategies", () => {
  it.each(["sparse", "simd"] as const)(
    "%s: refuses batches and buffers of the wrong shape",
    (kind) => {
      const network = new Network({ sizes: [4, 3, 2], seed: 1 });
      const layer = createFirstLayer(network, 2, { prefer: kind });
      expect(layer.kind).toBe(kind);
      const tooTall = SparseColumns.fromDense(Matrix.zeros(40, 2).fill(1));
      if (kind === "simd")
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
      if (kind === "simd")
        expect(() => layer.forward(Matrix.zeros(3, 3))).toThrow(/is 3×3, expected 3×2/);
      else expect(() => layer.forward(Matrix.zeros(3, 3))).toThrow(RangeError);
    },
  );

  it("the SIMD layer's weights round-trip through the network's layout", () => {
    const network = new Network({ sizes: [5, 3, 2], seed: 2 });
    const before = Array.from(network.weights[0].data);
    const layer = createFirstLayer(network, 4, { prefer: "simd" });
    expect(layer.weights.rows).toBe(5); // input-major: w¹ᵀ
    expect(layer.weights.get(4, 1)).toBe(network.weights[0].get(1, 4));
    layer.weights.data.fill(0.5);
    layer.syncToNetwork();
    expect(Array.from(network.weights[0].data).every((v) => v === 0.5)).toBe(true);
    network.weights[0].data.set(before);
    layer.loadFromNetwork();
    expect(layer.weights.get(2, 0)).toBe(before[0 * 5 + 2]);
  });

  it.each(["float64", "float32"] as const)(
    "%s: a batch given as stored bytes gives the same z and ∂C/∂w¹ as its sparse form",
    (dtype) => {
      const rng = new Rng(5);
      const [inputs, hidden, m] = [50, 40, 6];
      const bytes = new ByteColumns(inputs, m, inputs * m);
      let t = 0;
      for (let j = 0; j < m; j++) {
        bytes.colStart[j] = t;
        for (let r = 0; r < inputs; r++) {
          if (rng.uniform() < 0.3) {
            bytes.rowIndex[t] = r;
            bytes.values[t++] = 1 + rng.integer(255);
          }
        }
      }
      bytes.colStart[m] = t;
      const delta = new Matrix(hidden, m, rng.fillNormal(new Float64Array(hidden * m)));
      const run = (feed: (layer: ReturnType<typeof createFirstLayer>) => void) => {
        const network = new Network({ sizes: [inputs, hidden, 2], seed: 3, dtype });
        const layer = createFirstLayer(network, m, { prefer: "simd" });
        feed(layer);
        const z = Matrix.zeros(hidden, m, dtype);
        layer.forward(z);
        layer.weightGradient(Matrix.fromFlat(hidden, m, delta.data, dtype));
        return { z: Array.from(z.data), gradient: Array.from(layer.gradient.data) };
      };
      const fromBytes = run((layer) => layer.setInputBytes!(bytes));
      expect(fromBytes).toEqual(run((layer) => layer.setInput(bytes.toSparseColumns(dtype))));
      expect(fromBytes.z.some((v) => v !== 0)).toBe(true);
      const network = new Network({ sizes: [inputs, hidden, 2], seed: 3, dtype });
      const narrow = createFirstLayer(network, m - 1, { prefer: "simd" });
      expect(() => narrow.setInputBytes!(bytes)).toThrow(/at most 5 samples per batch/);
    },
  );
});
