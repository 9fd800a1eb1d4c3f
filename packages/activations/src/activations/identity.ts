import { elementwiseActivation } from "../activation";

/** identity(z) = z, identity′(z) = 1: a linear output layer (regression). */
export const identity = elementwiseActivation(
  "identity",
  (z, out) => {
    for (let i = 0; i < z.length; i++) out[i] = z[i];
  },
  (z, out) => {
    out.fill(1, 0, z.length);
  },
);
