import { type Matrix, SimdArena } from "@backprop/linalg";
import { assertBuffersFit, type Optimizer, restoreBuffers } from "./optimizer";

export interface AdamOptions {
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

/**
 * Adam (Kingma & Ba 2015) on the mean gradient g = Σ∇/m:
 *   m ← β₁m + (1 − β₁)g,  v ← β₂v + (1 − β₂)g²,
 *   w ← w − η·m̂ / (√v̂ + ε)  with m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ).
 * Typical η is 0.001, far below SGD's.
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
  let moments: Float64Array[] | undefined; // first moments, then second moments
  let restored = false; // a restored state is checked against the parameters once
  let t = 0;
  return {
    name: "adam",
    step(params: readonly Matrix[], grads: readonly Matrix[], eta: number, batchSize: number) {
      const n = params.length;
      if (!moments || restored) {
        moments ??= [...params, ...params].map((p) => new Float64Array(p.data.length));
        assertBuffersFit("adam", moments, params, 2);
        restored = false;
        // Beside weights in a SimdArena, the moments go there too (see momentum.ts).
        moments = moments.map((b, i) => SimdArena.placeBeside(params[i % n].data, b));
      }
      t++;
      const correction1 = 1 - beta1 ** t;
      const correction2 = 1 - beta2 ** t;
      let check = 0;
      let finite = true;
      for (let k = 0; k < n; k++) {
        const w = params[k].data;
        const grad = grads[k].data;
        const m = moments[k];
        const v = moments[n + k];
        const arena = SimdArena.holding(w, grad);
        if (arena && m.buffer === w.buffer && v.buffer === w.buffer) {
          const o = { batchSize, beta1, beta2, correction1, correction2, eta, epsilon };
          finite = arena.adamStep(w, grad, m, v, o) && finite;
          continue;
        }
        for (let i = 0; i < w.length; i++) {
          const g = grad[i] / batchSize;
          m[i] = beta1 * m[i] + (1 - beta1) * g;
          v[i] = beta2 * v[i] + (1 - beta2) * g * g;
          w[i] -= (eta * (m[i] / correction1)) / (Math.sqrt(v[i] / correction2) + epsilon);
          check += w[i] * 0;
        }
      }
      return finite && check === 0;
    },
    getState: () => ({ name: "adam", buffers: (moments ?? []).map((b) => Array.from(b)), t }),
    setState(state) {
      moments =
        state.buffers.length === 0
          ? undefined
          : restoreBuffers("adam", state, state.buffers.length);
      restored = moments !== undefined;
      t = state.t;
    },
  };
}
