import type { Matrix, SparseLayer } from "@backprop/linalg";
import { backpropBatch, type Gradients, type Network } from "@backprop/network";
import { diagnoseUpdate } from "./diagnose-update";
import type { DivergenceDiagnosis, SampleNames, StepSettings } from "./divergence";
import type { Optimizer } from "./optimizer";
import {
  addDecayToGradients,
  decayWeights,
  type Regularization,
  type WeightDecay,
} from "./regularization";
import { sgd } from "./sgd";
import { createTrainingWorkspace, type TrainingWorkspace } from "./training-workspace";

/**
 * The gradients summed over the mini-batch (the seed's nabla_b, nabla_w), in the network's
 * layout (with a sparse first layer, ∂C/∂w¹ lives in the layer's block, and the SGD kernel
 * consumes it, so gradients.nablaW[0] is not written); `finite` is false if the update left
 * a weight or bias NaN or ±∞ (the divergence guard's signal), and then `divergence` says
 * what went non-finite first (see diagnoseUpdate).
 */
export type UpdateResult =
  | {
      /** Σ over the batch of ∂C/∂b and ∂C/∂w (the workspace's buffers, reused next call). */
      gradients: Gradients;
      /** Every updated weight and bias is finite. */
      finite: true;
      /** Absent: nothing diverged. */
      divergence?: undefined;
    }
  | {
      /** Σ over the batch of ∂C/∂b and ∂C/∂w (the workspace's buffers, reused next call). */
      gradients: Gradients;
      /** Some updated weight or bias is NaN or ±∞: training should stop. */
      finite: false;
      /** What went non-finite first, and where (for a DivergenceError). */
      divergence: DivergenceDiagnosis;
    };

/** What {@link updateMiniBatch} does beyond the seed's plain SGD step. */
export interface UpdateOptions {
  /** Default: plain SGD, the seed's rule. */
  optimizer?: Optimizer;
  /** λ for regularisation (default 0) and n, the training set's size it is scaled by. */
  lambda?: number;
  /** n, the training set's size that λ is divided by (network2's λ/n); required when λ ≠ 0. */
  trainingSize?: number;
  /** "l2" (default) or "l1" weight decay. */
  regularization?: Regularization;
  /** "decoupled" (default: network2.py's rule, AdamW) or "coupled" (PyTorch's weight_decay); see WeightDecay. */
  weightDecay?: WeightDecay;
  /**
   * The buffers and parameter blocks of this network and batch size (see
   * createTrainingWorkspace); one is made for this call if omitted, which is slow in a loop.
   * Required when `input` is the workspace's sparse first layer.
   */
  workspace?: TrainingWorkspace;
  /**
   * The data set's index of each column of the batch (Batch.indices), so that a divergence
   * diagnosis names the sample ("sample 17 of the training data"), not its column.
   */
  samples?: ArrayLike<number>;
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
    if (options.weightDecay === "coupled")
      addDecayToGradients(workspace.weightBlocks, kind, lambda, options.trainingSize, y.cols);
    else decayWeights(workspace.weightBlocks, kind, eta, lambda, options.trainingSize);
  }
  const optimizer = options.optimizer ?? SEED_SGD;
  if (optimizer.step(workspace.blocks, eta, y.cols)) return { gradients, finite: true };
  const step: StepSettings = {
    eta,
    lambda,
    trainingSize: options.trainingSize ?? y.cols,
    regularization: options.regularization ?? "l2",
  };
  const where: SampleNames = { samples: options.samples, data: "training" };
  const x = "forward" in input ? null : input;
  const divergence = diagnoseUpdate(network, x, y, workspace, step, where);
  return { gradients, finite: false, divergence };
}
