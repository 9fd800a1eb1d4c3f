import { type ParameterBlock, sgdRule } from "@backprop/linalg";
import type { Optimizer, OptimizerState } from "./optimizer";

const NO_STATE: readonly Float64Array[] = [];

/**
 * The seed's update: w ← w − (η/m)·Σ∇w over the mini-batch of m samples, computed as the
 * seed does (the factor η/m first), so the result matches network.py bit for bit
 * (sgdRule; a block with a fast kernel gives the same values).
 */
export function sgd(): Optimizer {
  return {
    name: "sgd",
    step(blocks: readonly ParameterBlock[], eta: number, batchSize: number) {
      const settings = { rate: eta / batchSize };
      let finite = true;
      for (const block of blocks) finite = block.update(sgdRule, NO_STATE, settings) && finite;
      return finite;
    },
    getState: (): OptimizerState => ({ name: "sgd", buffers: [], t: 0 }),
    setState(state) {
      if (state.name !== "sgd") {
        throw new RangeError(
          `optimizer state: this is "sgd" but the state is for "${state.name}"; resume with the same optimizer`,
        );
      }
    },
  };
}
