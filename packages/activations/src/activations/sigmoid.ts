import { type Matrix, sigmoidScalar } from "@backprop/linalg";
import { type Activation, elementwiseActivation } from "../activation";

/**
 * σ(z) = 1 / (1 + e⁻ᶻ) for one value, overflow-free (eᶻ / (1 + eᶻ) for z < 0), with
 * linalg's exp, the same double on every engine: linalg's, re-exported here.
 */
export { sigmoidScalar } from "@backprop/linalg";

/**
 * σ(z) = 1 / (1 + e⁻ᶻ), σ′(z) = σ(z)(1 − σ(z)): the seed's activation, element by element
 * as sigmoidScalar computes it. Plain JS, so `import { sigmoid }` bundles small; network's
 * layers run the built-in sigmoid in linalg's SIMD kernel (sigmoidInto), with the same bits.
 */
const base = elementwiseActivation(
  "sigmoid",
  (z, out) => {
    for (let i = 0; i < z.length; i++) out[i] = sigmoidScalar(z[i]);
  },
  (z, out) => {
    for (let i = 0; i < z.length; i++) {
      const s = sigmoidScalar(z[i]);
      out[i] = s * (1 - s);
    }
  },
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
