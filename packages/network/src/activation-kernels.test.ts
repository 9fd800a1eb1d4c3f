import { relu, sigmoid } from "@backprop/activations";
import { Matrix, Rng } from "@backprop/linalg";
import { describe, expect, it } from "vitest";
import { activate, activationBackward } from "./activation-kernels";

/** Whether two matrices hold the same bytes (−0, NaN payloads and all). */
function sameBits(x: Matrix, y: Matrix): boolean {
  const a = new Uint8Array(x.data.buffer, x.data.byteOffset, x.data.byteLength);
  const b = new Uint8Array(y.data.buffer, y.data.byteOffset, y.data.byteLength);
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** network3's conv1 activations (20·24·24 × 10), normal z of spread 8 with specials mixed in. */
function inputs(dtype: "float64" | "float32", seed: number) {
  const rng = new Rng(seed);
  const specials = [0, -0, 708, -708, -745.2, 1e-310, Infinity, -Infinity, Number.NaN];
  const make = () => Matrix.zeros(20 * 24 * 24, 10, dtype);
  const z = make();
  const g = make();
  for (let i = 0; i < z.data.length; i++) {
    z.data[i] = rng.uniform() < 0.01 ? specials[rng.integer(specials.length)] : rng.normal(0, 8);
    g.data[i] = rng.uniform() < 0.01 ? specials[rng.integer(specials.length)] : rng.normal();
  }
  return { z, g, make };
}

describe("layers run the built-in relu and sigmoid in linalg's kernels, with the activations' bits", () => {
  for (const dtype of ["float64", "float32"] as const) {
    for (const activation of [relu, sigmoid]) {
      it(`${activation.name}, ${dtype}: forward and backward`, () => {
        const { z, g, make } = inputs(dtype, 3);
        const [viaKernel, viaActivation] = [make(), make()];
        activate(activation, z, viaKernel);
        activation.fn(z, viaActivation);
        expect(sameBits(viaKernel, viaActivation)).toBe(true);
        const a = viaActivation;
        const [deltaKernel, deltaActivation, scratch] = [make(), make(), make()];
        activationBackward(activation, z, a, g, deltaKernel, scratch);
        activation.backward(z, a, g, deltaActivation, scratch);
        expect(sameBits(deltaKernel, deltaActivation)).toBe(true);
      });
    }
  }
});
