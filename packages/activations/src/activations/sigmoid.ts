import { exp, type Matrix } from "@backprop/linalg";
import { type Activation, elementwiseActivation } from "../activation";

/**
 * σ(z) = 1 / (1 + e⁻ᶻ), σ′(z) = σ(z)(1 − σ(z)): the seed's activation.
 * For z < 0 it computes eᶻ / (1 + eᶻ) instead, so e⁻ᶻ never overflows: σ(−1000) is 0
 * and σ(1000) is 1, with no Infinity on the way. Both forms agree to rounding.
 * exp is linalg's, the same double on every engine (Math.exp differs in the last bit between
 * them), so a seed gives the same weights on Node, Bun, Deno and in browsers.
 */
export function sigmoidScalar(z: number): number {
  if (z >= 0) return 1 / (1 + exp(-z));
  const e = exp(z);
  return e / (1 + e);
}

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
