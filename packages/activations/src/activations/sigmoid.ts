import { type Matrix, sigmoidDerivativeInto, sigmoidInto } from "@backprop/linalg";
import { type Activation, elementwiseActivation } from "../activation";

/**
 * σ(z) = 1 / (1 + e⁻ᶻ) for one value, overflow-free (eᶻ / (1 + eᶻ) for z < 0), with
 * linalg's exp, the same double on every engine: linalg's, re-exported here.
 */
export { sigmoidScalar } from "@backprop/linalg";

/**
 * σ(z) = 1 / (1 + e⁻ᶻ), σ′(z) = σ(z)(1 − σ(z)): the seed's activation, element by element
 * as sigmoidScalar computes it. linalg's sigmoidInto and sigmoidDerivativeInto run long
 * arrays as a WebAssembly SIMD kernel (a JS loop for short ones), storing exactly the bits
 * of `out[i] = sigmoidScalar(z[i])` and of `s·(1 − s)`, s = sigmoidScalar(z[i]).
 */
const base = elementwiseActivation(
  "sigmoid",
  (z, out) => sigmoidInto(z, out),
  (z, out) => sigmoidDerivativeInto(z, out),
);

/**
 * In backprop a = σ(z) is already stored (the forward pass's memo), so BP1/BP2's ⊙ σ′(z)
 * uses a(1 − a) without a second exp: the same value as the seed's sigmoid_prime(z),
 * which recomputes σ(z) by the same formula.
 */
export const sigmoid: Activation = Object.freeze({
  ...base,
  backward(_z: Matrix, a: Matrix, g: Matrix, out: Matrix) {
    const ad = a.data;
    const gd = g.data;
    const o = out.data;
    for (let i = 0; i < o.length; i++) {
      const s = ad[i];
      o[i] = gd[i] * (s * (1 - s));
    }
  },
});
