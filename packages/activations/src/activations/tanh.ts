import { tanh as tanhScalar } from "@backprop/linalg";
import { elementwiseActivation } from "../activation";

/**
 * tanh(z), tanh′(z) = 1 − tanh²(z). linalg's tanh saturates to ±1 without overflow and, unlike
 * Math.tanh, gives the same double on every engine.
 */
export const tanh = elementwiseActivation(
  "tanh",
  (z, out) => {
    for (let i = 0; i < z.length; i++) out[i] = tanhScalar(z[i]);
  },
  (z, out) => {
    for (let i = 0; i < z.length; i++) {
      const t = tanhScalar(z[i]);
      out[i] = 1 - t * t;
    }
  },
);
