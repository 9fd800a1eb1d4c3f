/**
 * Update rules: how one parameter block moves, element by element, given its gradient
 * (summed over a mini-batch) and the rule's state. The optimizers package builds its
 * optimizers on these; a ParameterBlock applies them (see parameter-block.ts).
 *
 * `apply` is the reference, a plain loop written to be read. A rule may name a `fast`
 * kernel that computes the same values (kernels.wat: the same operations in the same
 * order, so float64 results are bit-identical); a block whose values live where that kernel
 * runs uses it, any other block runs `apply`. A new rule needs only `apply`: nothing in the
 * kernels' dispatch changes.
 */
import type { FloatArray } from "../matrix";

/** Settings of the rules that have fast kernels, by kernel. */
export interface FastRuleSettings {
  /** The seed's step w ← w − rate·Σ∇w. */
  sgd: {
    /** η/m: the learning rate over the batch size (the gradient is a sum over the batch). */
    rate: number;
  };
  /** v ← μv − rate·Σ∇, then w ← w + v (or w + μv − rate·Σ∇ for Nesterov). */
  momentum: {
    /** μ, the fraction of the velocity kept per step (0.9 is common). */
    mu: number;
    /** η/m, as for sgd. */
    rate: number;
    /** Nesterov's look-ahead form instead of classical momentum. */
    nesterov: boolean;
  };
  /** Adam at step t on the mean gradient Σ∇/m. */
  adam: {
    /** m, the samples the gradient was summed over (Adam works on the mean). */
    batchSize: number;
    /** β₁, the decay of the first moment (mean of g); default 0.9 in the optimizer. */
    beta1: number;
    /** β₂, the decay of the second moment (mean of g²); default 0.999 in the optimizer. */
    beta2: number;
    /** 1 − β₁ᵗ, the first moment's bias correction at step t (1-based). */
    correction1: number;
    /** 1 − β₂ᵗ, the second moment's bias correction at step t. */
    correction2: number;
    /** η, the step size (not divided by m: Adam's step is already per mean gradient). */
    eta: number;
    /** ε added to √v̂ so a zero second moment does not divide by 0 (default 1e-8). */
    epsilon: number;
  };
}

/**
 * How one parameter block moves, element by element, given its gradient and the rule's
 * state; S is the rule's settings for one step (see the file comment).
 */
export interface UpdateRule<S> {
  /** The rule's name, stored with its state in checkpoints ("sgd", "momentum", "adam"…). */
  readonly name: string;
  /** Float64 state buffers per parameter block (momentum's velocity: 1; Adam's moments: 2). */
  readonly stateBuffers: number;
  /**
   * Updates every w[i] from g[i] and state[·][i]. Returns Σ w[i]·0 over the updated
   * values: 0, or NaN exactly when one of them is NaN or ±∞ (the divergence check, done
   * in the same loop).
   */
  apply(w: FloatArray, g: FloatArray, state: readonly Float64Array[], settings: S): number;
  /** The fast kernel computing the same values, if there is one. */
  readonly fast?: keyof FastRuleSettings;
}

/** The seed's update: w ← w − (η/m)·Σ∇w, the factor η/m first as network.py computes it. */
export const sgdRule: UpdateRule<FastRuleSettings["sgd"]> = {
  name: "sgd",
  stateBuffers: 0,
  fast: "sgd",
  apply(w, g, _state, { rate }) {
    let check = 0;
    for (let i = 0; i < w.length; i++) {
      w[i] = w[i] - rate * g[i];
      check += w[i] * 0; // the stored value: a float32 overflow shows as ±∞ here
    }
    return check;
  },
};

/**
 * Momentum: v ← μv − (η/m)·Σ∇, then w ← w + v; Nesterov (Sutskever et al. 2013, as Keras
 * writes it): the same v, then w ← w + μv − (η/m)·Σ∇.
 */
export const momentumRule: UpdateRule<FastRuleSettings["momentum"]> = {
  name: "momentum",
  stateBuffers: 1,
  fast: "momentum",
  apply(w, g, [v], { mu, rate, nesterov }) {
    let check = 0;
    for (let i = 0; i < w.length; i++) {
      const step = rate * g[i];
      v[i] = mu * v[i] - step;
      w[i] += nesterov ? mu * v[i] - step : v[i];
      check += w[i] * 0;
    }
    return check;
  },
};

/**
 * Adam (Kingma & Ba 2015) on the mean gradient g = Σ∇/m:
 *   m ← β₁m + (1 − β₁)g,  v ← β₂v + (1 − β₂)g²,  w ← w − η·m̂ / (√v̂ + ε)
 * with m̂ = m / (1 − β₁ᵗ) and v̂ = v / (1 − β₂ᵗ).
 */
export const adamRule: UpdateRule<FastRuleSettings["adam"]> = {
  name: "adam",
  stateBuffers: 2,
  fast: "adam",
  apply(w, grad, [m, v], s) {
    let check = 0;
    for (let i = 0; i < w.length; i++) {
      const g = grad[i] / s.batchSize;
      m[i] = s.beta1 * m[i] + (1 - s.beta1) * g;
      v[i] = s.beta2 * v[i] + (1 - s.beta2) * g * g;
      w[i] -= (s.eta * (m[i] / s.correction1)) / (Math.sqrt(v[i] / s.correction2) + s.epsilon);
      check += w[i] * 0;
    }
    return check;
  },
};
