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
