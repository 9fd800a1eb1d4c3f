import { Matrix } from "@backprop/linalg";
import { describe, expect, it } from "vitest";
import { seedCases, worstRelativeError } from "../test/seed-fixtures";
import { Network } from "./network";

// The float32 mode against the seed's float64 numbers: equal within float32's precision
// (about 7 digits; relative 1e-4 leaves room for rounding through two layers and the sums).
describe("float32 networks against the seed's network.py", () => {
  it.each(seedCases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const network = new Network({ sizes: c.sizes, dtype: "float32" });
    for (let l = 0; l < c.sizes.length - 1; l++) {
      network.weights[l].copyFrom(Matrix.fromArrays(c.weights[l], "float32"));
      network.biases[l].copyFrom(Matrix.fromArrays(c.biases[l], "float32"));
    }
    for (const [j, sample] of c.mini_batch.entries()) {
      const { nablaB, nablaW } = network.backprop(
        Matrix.column(sample.x, "float32"),
        Matrix.column(sample.y, "float32"),
      );
      for (let l = 0; l < nablaB.length; l++) {
        expect(nablaW[l].dtype).toBe("float32");
        expect(worstRelativeError(nablaB[l], c.backprop[j].nabla_b[l], 1e-3)).toBeLessThan(1e-4);
        expect(worstRelativeError(nablaW[l], c.backprop[j].nabla_w[l], 1e-3)).toBeLessThan(1e-4);
      }
    }
  });
});

describe("subnormals in float32", () => {
  // σ(−100) ≈ 3.7e-44: a float32 subnormal, which costs ~100 cycles in every product.
  function saturated(dtype: "float32" | "float64") {
    const network = new Network({ sizes: [1, 1, 1], dtype });
    network.weights[0].data[0] = -100;
    network.biases[0].data[0] = 0;
    network.weights[1].data[0] = 1;
    network.biases[1].data[0] = 0;
    return network;
  }

  it("feedforward and backprop flush them to 0 in float32 and keep them in float64", () => {
    const x = (dtype: "float32" | "float64") => Matrix.column([1], dtype);
    const f32 = saturated("float32").trace(x("float32"), Matrix.column([0], "float32"));
    expect(f32.activations[1].data[0]).toBe(0);
    const f64 = saturated("float64").trace(x("float64"), Matrix.column([0]));
    expect(f64.activations[1].data[0]).toBeCloseTo(3.72e-44, 46);
    expect(f64.activations[1].data[0]).toBeGreaterThan(0);
  });
});
