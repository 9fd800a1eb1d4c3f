import { type ParameterBlock, plainNumbers } from "@backprop/linalg";

/**
 * An optimizer. `step` receives every parameter as a block (weights, then biases; see
 * ParameterBlock) holding its values and its gradient summed over a mini-batch of
 * `batchSize` samples (the seed's nabla), so ∇/batchSize is the mean gradient g. Built-in
 * optimizers apply an UpdateRule through `block.update`, which runs a fast kernel where the
 * block has one; a custom optimizer may do the same with its own rule, or loop over
 * `block.values` and `block.gradient` (flat arrays in the block's layout) itself.
 */
export interface Optimizer {
  /** "sgd", "momentum", "nesterov", "adam" or yours: stored with the state, checked on resume. */
  readonly name: string;
  /**
   * Updates every block in place. Returns false if any updated parameter is NaN or ±∞,
   * checked inside the update loop (Σ w·0 is NaN exactly when some w is not finite), so
   * training can stop at once without a second pass over the weights.
   */
  step(blocks: readonly ParameterBlock[], eta: number, batchSize: number): boolean;
  /** The state for checkpoints (plain JSON-able numbers, in the model's layout). */
  getState(): OptimizerState;
  /**
   * Continues from a saved state (from getState, e.g. in a checkpoint); throws a RangeError
   * when it belongs to another optimizer. Buffers are checked against the parameters at
   * the next step.
   */
  setState(state: OptimizerState): void;
}

/** An optimizer's state as plain JSON-able data, in the model's layout (see Optimizer.getState). */
export interface OptimizerState {
  /** The name of the optimizer it belongs to. */
  name: string;
  /**
   * Per-parameter buffers (velocity, moments), flat, row-major as in the model file: every
   * parameter's first buffer, then every parameter's second (Adam's m, then v).
   */
  buffers: number[][];
  /** Steps taken (Adam's bias correction needs it). */
  t: number;
}

/**
 * An update rule's state buffers, `perBlock` for each parameter block: allocated by the
 * blocks themselves on the first step (beside their values, in their layout), and saved or
 * restored in the model's layout, so a checkpoint resumes on any kernels.
 */
export class BlockStates {
  private blocks: readonly ParameterBlock[] = [];
  /** buffers[k]: block k's buffers, in its layout (one list per block, made once: no allocation per step). */
  private buffers: Float64Array[][] = [];
  /** A restored state, in the model's layout, waiting for the blocks it belongs to. */
  private pending: number[][] | null = null;

  constructor(
    private readonly name: string,
    private readonly perBlock: number,
  ) {}

  /** The buffers for these blocks: [block k][buffer b]. */
  of(blocks: readonly ParameterBlock[]): Float64Array[][] {
    if (this.pending === null && sameBlocks(blocks, this.blocks)) return this.buffers;
    // New blocks (a first step, or other kernels): carry over what there is, in the model's layout.
    const saved = this.pending ?? (this.blocks.length > 0 ? this.save() : null);
    this.pending = null;
    if (saved) assertFits(this.name, saved, blocks, this.perBlock);
    this.buffers = blocks.map((block, k) =>
      Array.from({ length: this.perBlock }, (_, b) => {
        const state = block.createState();
        if (saved) block.stateFromModel(saved[b * blocks.length + k], state);
        return state;
      }),
    );
    this.blocks = [...blocks];
    return this.buffers;
  }

  /** Every buffer in the model's layout, in OptimizerState.buffers order. */
  save(): number[][] {
    if (this.pending) return this.pending;
    // buffer-major, as OptimizerState.buffers is: every block's first buffer, then the second…
    return Array.from({ length: this.perBlock }, (_, b) =>
      this.buffers.map((list, k) => plainNumbers(this.blocks[k].stateToModel(list[b]))),
    ).flat();
  }

  /** Takes a saved state; it is checked against the parameters at the next step. */
  restore(state: OptimizerState): void {
    if (state.name !== this.name) {
      throw new RangeError(
        `optimizer state: this is "${this.name}" but the state is for "${state.name}"; resume with the same optimizer`,
      );
    }
    this.pending = state.buffers.length === 0 ? null : state.buffers.map((b) => [...b]);
    if (this.pending === null) {
      this.blocks = [];
      this.buffers = [];
    }
  }
}

function sameBlocks(a: readonly ParameterBlock[], b: readonly ParameterBlock[]): boolean {
  return a.length === b.length && a.every((block, k) => block === b[k]);
}

/**
 * Throws unless saved buffers fit the blocks (`perBlock` per block, each rows·cols values):
 * a state saved for another network must not be read past its end as NaN.
 */
function assertFits(
  name: string,
  saved: readonly number[][],
  blocks: readonly ParameterBlock[],
  perBlock: number,
): void {
  const fits =
    saved.length === perBlock * blocks.length &&
    saved.every((b, i) => {
      const block = blocks[i % blocks.length];
      return b.length === block.rows * block.cols;
    });
  if (!fits) {
    throw new RangeError(
      `optimizer state: the saved "${name}" buffers (${saved.map((b) => b.length).join(", ")} values) do not fit these parameters (${blocks.map((b) => b.rows * b.cols).join(", ")} values); was it saved for another network, or by a version before 0.1 that stored the SIMD first layer transposed? Start the optimizer afresh`,
    );
  }
}
