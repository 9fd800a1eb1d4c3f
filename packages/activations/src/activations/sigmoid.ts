import { elementwiseActivation } from "../activation";

/**
 * σ(z) = 1 / (1 + e⁻ᶻ), σ′(z) = σ(z)(1 − σ(z)): the seed's activation.
 * For z < 0 it computes eᶻ / (1 + eᶻ) instead, so e⁻ᶻ never overflows: σ(−1000) is 0
 * and σ(1000) is 1, with no Infinity on the way. Both forms agree to rounding.
 */
export function sigmoidScalar(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

export const sigmoid = elementwiseActivation(
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
