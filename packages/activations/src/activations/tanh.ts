import { elementwiseActivation } from "../activation";

/** tanh(z), tanh′(z) = 1 − tanh²(z). Math.tanh saturates to ±1 without overflow. */
export const tanh = elementwiseActivation(
  "tanh",
  (z, out) => {
    for (let i = 0; i < z.length; i++) out[i] = Math.tanh(z[i]);
  },
  (z, out) => {
    for (let i = 0; i < z.length; i++) {
      const t = Math.tanh(z[i]);
      out[i] = 1 - t * t;
    }
  },
);
