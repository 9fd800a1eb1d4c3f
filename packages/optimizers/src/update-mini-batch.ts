import type { Matrix, SparseColumns } from "@backprop/linalg";
import { backpropBatch, type Gradients, type Network } from "@backprop/network";
import type { Optimizer } from "./optimizer";
import { decayWeights, type Regularization } from "./regularization";
import { sgd } from "./sgd";

export interface UpdateResult {
  /** The gradients summed over the mini-batch (the seed's nabla_b, nabla_w). */
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
  /** Gradient buffers to reuse (from `network.zeroGradients()`); allocated if omitted. */
  gradients?: Gradients;
  /** x again with only its non-zeros (a batch's `sparse`), so the first layer skips zeros. */
  sparseX?: SparseColumns | null;
}

const defaultOptimizers = new WeakMap<Network, Optimizer>();
const parameterLists = new WeakMap<Network, { params: Matrix[]; weights: Matrix[] }>();
const gradientLists = new WeakMap<Gradients, Matrix[]>();

/**
 * The seed's `update_mini_batch(mini_batch, eta)`: backprop over the mini-batch (x is
 * inputs × m, y is outputs × m, one sample per column), then one update. With the default
 * SGD and λ = 0 this is w ← w − (η/m)·Σ∇w and b ← b − (η/m)·Σ∇b, as network.py does it.
 */
export function updateMiniBatch(
  network: Network,
  x: Matrix,
  y: Matrix,
  eta: number,
  options: UpdateOptions = {},
): UpdateResult {
  const gradients = backpropBatch(
    network,
    x,
    y,
    options.gradients ?? network.zeroGradients(),
    options.sparseX,
  );
  let lists = parameterLists.get(network);
  if (!lists) {
    lists = { params: [...network.weights, ...network.biases], weights: network.weights };
    parameterLists.set(network, lists);
  }
  const lambda = options.lambda ?? 0;
  if (lambda !== 0) {
    if (!options.trainingSize) {
      throw new RangeError(
        "updateMiniBatch: regularisation scales λ by the training set's size; pass trainingSize",
      );
    }
    decayWeights(lists.weights, options.regularization ?? "l2", eta, lambda, options.trainingSize);
  }
  let optimizer = options.optimizer;
  if (!optimizer) {
    optimizer = defaultOptimizers.get(network) ?? sgd();
    defaultOptimizers.set(network, optimizer);
  }
  let grads = gradientLists.get(gradients);
  if (!grads) {
    grads = [...gradients.nablaW, ...gradients.nablaB];
    gradientLists.set(gradients, grads);
  }
  const finite = optimizer.step(lists.params, grads, eta, x.cols);
  return { gradients, finite };
}
