import { adamRule, type ParameterBlock, powInteger } from "@backprop/linalg";
import { BlockStates, type Optimizer } from "./optimizer";

/** Adam's constants; the defaults are the paper's. */
export interface AdamOptions {
  /** β₁, how much of the first moment m (the running mean of g) each step keeps; default 0.9, in [0, 1). */
  beta1?: number;
  /** β₂, how much of the second moment v (the running mean of g²) each step keeps; default 0.999, in [0, 1). */
  beta2?: number;
  /** ε in w ← w − η·m̂ / (√v̂ + ε), so a parameter with no gradient yet does not divide by 0; default 1e-8. */
  epsilon?: number;
}

/**
 * Adam (Kingma & Ba 2015) on the mean gradient g = Σ∇/m:
 *   m ← β₁m + (1 − β₁)g,  v ← β₂v + (1 − β₂)g²,
 *   w ← w − η·m̂ / (√v̂ + ε)  with m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ).
 * Typical η is 0.001, far below SGD's. The loop is adamRule; m and v live in BlockStates.
 */
export function adam(options: AdamOptions = {}): Optimizer {
  const beta1 = options.beta1 ?? 0.9;
  const beta2 = options.beta2 ?? 0.999;
  const epsilon = options.epsilon ?? 1e-8;
  for (const [key, value] of [
    ["beta1", beta1],
    ["beta2", beta2],
  ] as const) {
    if (!(value >= 0 && value < 1))
      throw new RangeError(`adam: ${key} must be in [0, 1), got ${value}`);
  }
  const moments = new BlockStates("adam", 2);
  let t = 0;
  return {
    name: "adam",
    step(blocks: readonly ParameterBlock[], eta: number, batchSize: number) {
      const states = moments.of(blocks);
      t++;
      const settings = {
        batchSize,
        beta1,
        beta2,
        // βᵗ by multiplications only: `**` differs between engines in the last bit.
        correction1: 1 - powInteger(beta1, t),
        correction2: 1 - powInteger(beta2, t),
        eta,
        epsilon,
      };
      let finite = true;
      for (let k = 0; k < blocks.length; k++)
        finite = blocks[k].update(adamRule, states[k], settings) && finite;
      return finite;
    },
    getState: () => ({ name: "adam", buffers: moments.save(), t }),
    setState(state) {
      moments.restore(state);
      t = state.t;
    },
  };
}
