import { type Matrix, SimdArena } from "@backprop/linalg";
import type { Optimizer, OptimizerState } from "./optimizer";

/**
 * The seed's update: w ← w − (η/m)·Σ∇w over the mini-batch of m samples, computed as the
 * seed does (the factor η/m first), so the result matches network.py bit for bit.
 * Parameters that live in a SimdArena (the SIMD first layer's weights) are updated by the
 * WebAssembly kernel, which does the same roundings two lanes at a time.
 */
export function sgd(): Optimizer {
  return {
    name: "sgd",
    step(params: readonly Matrix[], grads: readonly Matrix[], eta: number, batchSize: number) {
      const rate = eta / batchSize;
      let finite = true;
      let check = 0;
      for (let k = 0; k < params.length; k++) {
        const w = params[k].data;
        const g = grads[k].data;
        const arena = SimdArena.holding(w, g);
        if (arena) {
          finite = arena.sgdStep(w, g, rate) && finite;
          continue;
        }
        for (let i = 0; i < w.length; i++) {
          w[i] = w[i] - rate * g[i];
          check += w[i] * 0; // the stored value: a float32 overflow shows as ±∞ here
        }
      }
      return finite && check === 0;
    },
    getState: (): OptimizerState => ({ name: "sgd", buffers: [], t: 0 }),
    setState() {},
  };
}
