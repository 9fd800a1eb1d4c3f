import type { Matrix, SparseLayer } from "@backprop/linalg";
import { backpropBatch, type Gradients, type Network } from "@backprop/network";
import type { Optimizer } from "./optimizer";
import { decayWeights, type Regularization } from "./regularization";
import { sgd } from "./sgd";
import { createTrainingWorkspace, type TrainingWorkspace } from "./training-workspace";

export interface UpdateResult {
  /**
   * The gradients summed over the mini-batch (the seed's nabla_b, nabla_w), in the
   * network's layout. With a sparse first layer, ∂C/∂w¹ lives in the layer's block (and
   * the SGD kernel consumes it), so gradients.nablaW[0] is not written.
   */
  gradients: Gradients;
  /** False if the update left a weight or bias NaN or ±∞ (the divergence guard's signal). */
  finite: boolean;
}

export interface UpdateOptions {
  /** Default: plain SGD, the seed's rule. */
  optimizer?: Optimizer;
  /** λ for regularisation (default 0) and n, the training set's size it is scaled by. */
  lambda?: number;
  trainingSize?: number;
  regularization?: Regularization;
  /**
   * The buffers and parameter blocks of this network and batch size (see
   * createTrainingWorkspace); one is made for this call if omitted, which is slow in a loop.
   * Required when `input` is the workspace's sparse first layer.
   */
  workspace?: TrainingWorkspace;
}

const SEED_SGD = sgd(); // stateless, so one serves every network

/**
 * The seed's `update_mini_batch(mini_batch, eta)`, in its three steps: backprop the
 * mini-batch (input x is inputs × m, or the workspace's sparse first layer holding this
 * batch; y is outputs × m, one sample per column), which sums the gradients over it; decay
 * the weights if λ > 0; then one optimizer step. With the default SGD and λ = 0 this is
 * w ← w − (η/m)·Σ∇w and b ← b − (η/m)·Σ∇b, as network.py does it.
 */
export function updateMiniBatch(
  network: Network,
  input: Matrix | SparseLayer,
  y: Matrix,
  eta: number,
  options: UpdateOptions = {},
): UpdateResult {
  const workspace = options.workspace ?? createTrainingWorkspace(network, y.cols);
  if ("forward" in input && input !== workspace.firstLayer) {
    throw new RangeError(
      "updateMiniBatch: a sparse first layer is updated through its workspace; pass the workspace whose firstLayer it is",
    );
  }
  const gradients = backpropBatch(network, input, y, workspace.backprop);
  const lambda = options.lambda ?? 0;
  if (lambda !== 0) {
    if (!options.trainingSize) {
      throw new RangeError(
        "updateMiniBatch: regularisation scales λ by the training set's size; pass trainingSize",
      );
    }
    const kind = options.regularization ?? "l2";
    decayWeights(workspace.weightBlocks, kind, eta, lambda, options.trainingSize);
  }
  const optimizer = options.optimizer ?? SEED_SGD;
  const finite = optimizer.step(workspace.blocks, eta, y.cols);
  return { gradients, finite };
}
