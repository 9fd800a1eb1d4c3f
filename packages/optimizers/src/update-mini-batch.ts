import type { Matrix } from "@backprop/linalg";
import { backpropBatch, type FirstLayer, type Gradients, type Network } from "@backprop/network";
import type { Optimizer } from "./optimizer";
import { decayWeights, type Regularization } from "./regularization";
import { sgd } from "./sgd";

export interface UpdateResult {
  /**
   * The gradients summed over the mini-batch (the seed's nabla_b, nabla_w). With a
   * first-layer strategy, ∂C/∂w¹ is in firstLayer.gradient (in its layout) and
   * gradients.nablaW[0] is not written.
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
  /** Gradient buffers to reuse (from `network.zeroGradients()`); allocated if omitted. */
  gradients?: Gradients;
  /**
   * The first layer's sparse products (from `createFirstLayer`, given this batch's sparse
   * inputs with setInput): layer 1 then skips zero pixels and is updated through
   * firstLayer.weights and firstLayer.gradient (gradients.nablaW[0] is left alone).
   */
  firstLayer?: FirstLayer | null;
}

const defaultOptimizers = new WeakMap<Network, Optimizer>();
/** [w…, b…] per network, or per first-layer strategy (which stands in for w¹). */
const parameterLists = new WeakMap<object, { params: Matrix[]; weights: Matrix[] }>();
const gradientLists = new WeakMap<Gradients, Map<FirstLayer | null, Matrix[]>>();

function parameterList(network: Network, firstLayer: FirstLayer | null) {
  const key = firstLayer ?? network;
  let lists = parameterLists.get(key);
  if (!lists) {
    const weights = firstLayer
      ? [firstLayer.weights, ...network.weights.slice(1)]
      : network.weights;
    lists = { params: [...weights, ...network.biases], weights };
    parameterLists.set(key, lists);
  }
  return lists;
}

/** [∇w…, ∇b…] in the order of the parameter list, built once per gradients and strategy. */
function gradientList(gradients: Gradients, firstLayer: FirstLayer | null): Matrix[] {
  let byLayer = gradientLists.get(gradients);
  if (!byLayer) {
    byLayer = new Map();
    gradientLists.set(gradients, byLayer);
  }
  let list = byLayer.get(firstLayer);
  if (!list) {
    const nablaW = firstLayer
      ? [firstLayer.gradient, ...gradients.nablaW.slice(1)]
      : gradients.nablaW;
    list = [...nablaW, ...gradients.nablaB];
    byLayer.set(firstLayer, list);
  }
  return list;
}

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
  const firstLayer = options.firstLayer ?? null;
  const gradients = backpropBatch(
    network,
    x,
    y,
    options.gradients ?? network.zeroGradients(),
    firstLayer,
  );
  const lists = parameterList(network, firstLayer);
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
  const finite = optimizer.step(lists.params, gradientList(gradients, firstLayer), eta, x.cols);
  return { gradients, finite };
}
