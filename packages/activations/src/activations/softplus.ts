import { exp, log1p } from "@backprop/linalg";
import { elementwiseActivation } from "../activation";
import { sigmoidScalar } from "./sigmoid";

/**
 * softplus(z) = ln(1 + eᶻ), written as max(z, 0) + ln(1 + e^(−|z|)) so it never overflows
 * and stays accurate for every z (the log costs use it too: −ln σ(z) = softplus(−z)).
 */
export function softplusScalar(z: number): number {
  return Math.max(z, 0) + log1p(exp(-Math.abs(z)));
}

/** The softplus activation; its derivative is the sigmoid. */
export const softplus = elementwiseActivation(
  "softplus",
  (z, out) => {
    for (let i = 0; i < z.length; i++) out[i] = softplusScalar(z[i]);
  },
  (z, out) => {
    for (let i = 0; i < z.length; i++) out[i] = sigmoidScalar(z[i]);
  },
);
