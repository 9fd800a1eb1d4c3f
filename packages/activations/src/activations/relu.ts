import { reluBackwardLoop, reluLoop } from "@backprop/linalg";
import type { Activation } from "../activation";
import { elementwiseActivation } from "../activation";

/**
 * relu(z) = max(0, z); relu′(z) = 1 for z > 0, else 0 (the usual choice at the kink z = 0).
 * a = Math.max(z, 0) (NaN stays NaN, so divergence is seen) and the fused δ = g·relu′(z)
 * run linalg's branch-free JS loops (the sign of z is random in training; a branch on it
 * was mispredicted every other value). Plain JS, so `import { relu }` bundles small;
 * network's layers run the built-in relu in linalg's SIMD kernels, with the same bits.
 */
export const relu = elementwiseActivation(
  "relu",
  (z, out) => reluLoop(z, out),
  (z, out) => {
    for (let i = 0; i < z.length; i++) out[i] = +(z[i] > 0); // 1 or 0, from a comparison
  },
  (z, g, out) => reluBackwardLoop(z, g, out), // g·σ′, as unfused
);

/** leakyRelu's slope α for z < 0 when none is given: 0.01, as PyTorch's LeakyReLU. */
export const DEFAULT_LEAKY_SLOPE = 0.01;

/** Every activation leakyRelu(…) has made, so isBuiltInActivation can tell them from look-alikes. */
const madeByLeakyRelu = new WeakSet<Activation>();

export function isLeakyRelu(activation: Activation): boolean {
  return madeByLeakyRelu.has(activation);
}

/**
 * leakyRelu(z) = z for z > 0, else slope·z. The default slope 0.01 is named "leakyRelu";
 * another slope s is named "leakyRelu(s)", a name `getActivation` understands, so a model
 * file that stores it loads again.
 */
export function leakyRelu(slope: number = DEFAULT_LEAKY_SLOPE): Activation {
  if (!Number.isFinite(slope)) {
    throw new RangeError(`leakyRelu: the slope must be a finite number, got ${slope}`);
  }
  const name = slope === DEFAULT_LEAKY_SLOPE ? "leakyRelu" : `leakyRelu(${slope})`;
  const activation = elementwiseActivation(
    name,
    (z, out) => {
      for (let i = 0; i < z.length; i++) out[i] = z[i] > 0 ? z[i] : slope * z[i];
    },
    (z, out) => {
      for (let i = 0; i < z.length; i++) out[i] = z[i] > 0 ? 1 : slope;
    },
    (z, g, out) => {
      for (let i = 0; i < z.length; i++) out[i] = g[i] * (z[i] > 0 ? 1 : slope);
    },
  );
  madeByLeakyRelu.add(activation);
  return activation;
}
