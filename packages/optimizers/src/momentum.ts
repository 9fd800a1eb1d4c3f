import { momentumRule, type ParameterBlock } from "@backprop/linalg";
import { BlockStates, type Optimizer } from "./optimizer";

/** Settings of {@link momentum} and {@link nesterov}. */
export interface MomentumOptions {
  /** μ, the fraction of the velocity kept each step; default 0.9. */
  momentum?: number;
  /** Nesterov's look-ahead form; default false. */
  nesterov?: boolean;
}

/**
 * Momentum: v ← μv − η·g, then w ← w + v (g = Σ∇/m, the mean gradient).
 * Nesterov (in the form of Sutskever et al. 2013, as Keras writes it): the same v, then
 * w ← w + μv − η·g, which evaluates the step at the look-ahead point without a second pass.
 * The loop is momentumRule; the velocity, one buffer per parameter, lives in BlockStates.
 */
export function momentum(options: MomentumOptions = {}): Optimizer {
  const mu = options.momentum ?? 0.9;
  const nesterov = options.nesterov ?? false;
  if (!(mu >= 0 && mu < 1)) throw new RangeError(`momentum must be in [0, 1), got ${mu}`);
  const name = nesterov ? "nesterov" : "momentum";
  const velocity = new BlockStates(name, 1);
  return {
    name,
    step(blocks: readonly ParameterBlock[], eta: number, batchSize: number) {
      const states = velocity.of(blocks);
      const settings = { mu, rate: eta / batchSize, nesterov };
      let finite = true;
      for (let k = 0; k < blocks.length; k++)
        finite = blocks[k].update(momentumRule, states[k], settings) && finite;
      return finite;
    },
    getState: () => ({ name, buffers: velocity.save(), t: 0 }),
    setState(state) {
      velocity.restore(state);
    },
  };
}

/** Nesterov momentum: `momentum({ ...options, nesterov: true })`. */
export function nesterov(options: Omit<MomentumOptions, "nesterov"> = {}): Optimizer {
  return momentum({ ...options, nesterov: true });
}
