/**
 * A copy of the worker's network on the page, refreshed from parameter snapshots, for the
 * things that must answer at once: the prediction while drawing and the decision regions.
 * A feedforward of one 784-pixel image (or a 64×64 grid of 2-D points) takes well under a
 * millisecond to a few milliseconds, so it never holds up the page.
 */
import { Matrix } from "@backprop/linalg";
import { Network } from "@backprop/network";
import type { ParameterSnapshot } from "./protocol";

export class MirrorNetwork {
  private network: Network | undefined;
  private shape = "";

  /** Copies the snapshot's parameters, rebuilding the network if its shape or names changed. */
  update(snapshot: ParameterSnapshot): void {
    const shape = JSON.stringify([snapshot.sizes, snapshot.activations, snapshot.cost]);
    if (!this.network || shape !== this.shape) {
      this.network = new Network({
        sizes: snapshot.sizes,
        activations: snapshot.activations,
        cost: snapshot.cost,
      });
      this.shape = shape;
    }
    for (let l = 0; l < snapshot.weights.length; l++) {
      this.network.weights[l].data.set(snapshot.weights[l]);
      this.network.biases[l].data.set(snapshot.biases[l]);
    }
  }

  get current(): Network | undefined {
    return this.network;
  }

  /** The output layer's activations for one input, or undefined before the first snapshot. */
  predict(input: ArrayLike<number>): Float64Array | undefined {
    if (!this.network || input.length !== this.network.sizes[0]) return undefined;
    return Float64Array.from(this.network.feedforward(Matrix.column(input)).data);
  }

  /** Outputs for many inputs at once: `inputs` is features × m (one sample per column). */
  predictBatch(inputs: Matrix): Matrix | undefined {
    if (!this.network || inputs.rows !== this.network.sizes[0]) return undefined;
    return this.network.feedforward(inputs);
  }
}
