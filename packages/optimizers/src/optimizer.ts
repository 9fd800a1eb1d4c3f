import type { Matrix } from "@backprop/linalg";

/**
 * An update rule. `step` receives every parameter matrix (weights, then biases) and the
 * gradient of each summed over a mini-batch of `batchSize` samples (the seed's nabla), so
 * ∇/batchSize is the mean gradient g. State (velocities, moments) is allocated on the first
 * step, shaped like the parameters, and reused.
 */
export interface Optimizer {
  readonly name: string;
  /**
   * Updates `params` in place. Returns false if any updated parameter is NaN or ±∞, checked
   * inside the update loop (Σ w·0 is NaN exactly when some w is not finite), so training
   * can stop at once without a second pass over the weights.
   */
  step(
    params: readonly Matrix[],
    grads: readonly Matrix[],
    eta: number,
    batchSize: number,
  ): boolean;
  /** The state for checkpoints (plain JSON-able numbers); empty for plain SGD. */
  getState(): OptimizerState;
  setState(state: OptimizerState): void;
}

export interface OptimizerState {
  name: string;
  /** Per-parameter buffers (velocity, moments), flat. */
  buffers: number[][];
  /** Steps taken (Adam's bias correction needs it). */
  t: number;
}

/** One zeroed buffer per parameter matrix, allocated on first use. */
export function zerosLike(params: readonly Matrix[]): Float64Array[] {
  return params.map((p) => new Float64Array(p.data.length));
}

export function restoreBuffers(name: string, state: OptimizerState, count: number): Float64Array[] {
  if (state.name !== name || state.buffers.length !== count) {
    throw new RangeError(
      `optimizer state: expected ${count} "${name}" buffers, found ${state.buffers.length} "${state.name}" buffers; resume with the same optimizer`,
    );
  }
  return state.buffers.map((b) => Float64Array.from(b));
}

/**
 * Throws unless the restored buffers fit the parameters they follow (`perParameter` buffers
 * per matrix, in the order of the list): a state saved for another network, or for another
 * layout of w¹ (the SIMD first layer's), must not be read past its end as NaN.
 */
export function assertBuffersFit(
  name: string,
  buffers: readonly Float64Array[],
  params: readonly Matrix[],
  perParameter: number,
): void {
  const fits =
    buffers.length === perParameter * params.length &&
    buffers.every((b, i) => b.length === params[i % params.length].data.length);
  if (!fits) {
    throw new RangeError(
      `optimizer state: the saved "${name}" buffers (${buffers.map((b) => b.length).join(", ")} values) do not fit these parameters (${params.map((p) => p.data.length).join(", ")} values); was it saved for another network, or by an older version with another first-layer layout? Start the optimizer afresh`,
    );
  }
}
