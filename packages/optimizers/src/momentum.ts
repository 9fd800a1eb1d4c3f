import type { Matrix } from "@backprop/linalg";
import { assertBuffersFit, type Optimizer, restoreBuffers, zerosLike } from "./optimizer";

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
 */
export function momentum(options: MomentumOptions = {}): Optimizer {
  const mu = options.momentum ?? 0.9;
  const nesterov = options.nesterov ?? false;
  if (!(mu >= 0 && mu < 1)) throw new RangeError(`momentum must be in [0, 1), got ${mu}`);
  const name = nesterov ? "nesterov" : "momentum";
  let velocity: Float64Array[] | undefined;
  let restored = false; // a restored state is checked against the parameters once
  return {
    name,
    step(params: readonly Matrix[], grads: readonly Matrix[], eta: number, batchSize: number) {
      velocity ??= zerosLike(params);
      if (restored) {
        assertBuffersFit(name, velocity, params, 1);
        restored = false;
      }
      const rate = eta / batchSize;
      let check = 0;
      for (let k = 0; k < params.length; k++) {
        const w = params[k].data;
        const g = grads[k].data;
        const v = velocity[k];
        for (let i = 0; i < w.length; i++) {
          const step = rate * g[i];
          v[i] = mu * v[i] - step;
          w[i] += nesterov ? mu * v[i] - step : v[i];
          check += w[i] * 0;
        }
      }
      return check === 0;
    },
    getState: () => ({ name, buffers: (velocity ?? []).map((b) => Array.from(b)), t: 0 }),
    setState(state) {
      velocity =
        state.buffers.length === 0 ? undefined : restoreBuffers(name, state, state.buffers.length);
      restored = velocity !== undefined;
    },
  };
}

/** Nesterov momentum: `momentum({ ...options, nesterov: true })`. */
export function nesterov(options: Omit<MomentumOptions, "nesterov"> = {}): Optimizer {
  return momentum({ ...options, nesterov: true });
}
