import { elementwiseActivation } from "../activation";
import { sigmoidScalar } from "./sigmoid";

/**
 * softplus(z) = ln(1 + eᶻ), written as max(z, 0) + ln(1 + e^(−|z|)) so it never overflows;
 * its derivative is the sigmoid.
 */
export const softplus = elementwiseActivation(
  "softplus",
  (z, out) => {
    for (let i = 0; i < z.length; i++) {
      const x = z[i];
      out[i] = Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }
  },
  (z, out) => {
    for (let i = 0; i < z.length; i++) out[i] = sigmoidScalar(z[i]);
  },
);
