import { type Matrix, SimdArena } from "@backprop/linalg";
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
      if (!velocity || restored) {
        velocity ??= zerosLike(params);
        assertBuffersFit(name, velocity, params, 1);
        restored = false;
        // Beside weights in a SimdArena (the SIMD first layer's), the velocity goes there too,
        // so the WebAssembly kernel updates them: the JS loop's values, two at a time.
        velocity = velocity.map((v, k) => SimdArena.placeBeside(params[k].data, v));
      }
      const rate = eta / batchSize;
      let check = 0;
      let finite = true;
      for (let k = 0; k < params.length; k++) {
        const w = params[k].data;
        const g = grads[k].data;
        const v = velocity[k];
        const arena = SimdArena.holding(w, g);
        if (arena && v.buffer === w.buffer) {
          finite = arena.momentumStep(w, g, v, mu, rate, nesterov) && finite;
          continue;
        }
        for (let i = 0; i < w.length; i++) {
          const step = rate * g[i];
          v[i] = mu * v[i] - step;
          w[i] += nesterov ? mu * v[i] - step : v[i];
          check += w[i] * 0;
        }
      }
      return finite && check === 0;
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
