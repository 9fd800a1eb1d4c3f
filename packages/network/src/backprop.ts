/**
 * Backpropagation: the one place that computes deltas.
 *
 * The forward pass keeps every zˡ = wˡaˡ⁻¹ + bˡ and aˡ = σ(zˡ): the memo of a dynamic
 * programme. The backward pass then walks from the last layer down, computing each
 * layer's error δˡ = ∂C/∂zˡ once and reusing it for the layer below:
 *
 *   BP1  δᴸ = ∇ₐC ⊙ σ′(zᴸ)               the output error (the cost's `delta`)
 *   BP2  δˡ = ((wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ σ′(zˡ)      the recursion: δˡ from the stored δˡ⁺¹
 *   BP3  ∂C/∂bˡ = δˡ
 *   BP4  ∂C/∂wˡ = δˡ (aˡ⁻¹)ᵀ
 *
 * Expanding the chain rule separately for every weight would repeat the products of all
 * the layers above it; keeping δˡ makes the whole gradient cost about one more forward pass.
 *
 * Indices: arrays start at 0 and hold layers 1…L of the article, so weights[l] is wˡ⁺¹ and
 * `zs[l]`, `activations[l + 1]`, `deltas[l]` belong to the same layer (activations[0] = x).
 * "⊙ σ′(z)" is `activation.backward(z, a, g, out)`, which is exactly g ⊙ σ′(z) for
 * element-wise activations and the Jacobian product for softmax.
 *
 * Two forms, held equal by the tests: `traceBackprop` for one sample, written like the
 * seed's `backprop(x, y)` and returning the whole table; `backpropBatch` for a mini-batch
 * as one matrix (one sample per column), allocation-free after its first call.
 */
import {
  addColumnVector,
  addColumnVectorInto,
  gemm,
  gemmInto,
  Matrix,
  sumRowsInto,
} from "@backprop/linalg";
import type { FirstLayer } from "./first-layer";
import type { Gradients } from "./gradients";
import type { Network } from "./network";

/** Everything backprop computed for one sample: zˡ, aˡ, δˡ and the gradients. */
export interface BackpropTrace {
  /** zs[l] = z of layer l+1 (sizes[l+1] × 1). */
  zs: Matrix[];
  /** activations[0] = x; activations[l+1] = σ(zs[l]). */
  activations: Matrix[];
  /** deltas[l] = δ of layer l+1 = ∂C/∂zs[l]. */
  deltas: Matrix[];
  /** BP3: nablaB[l] = deltas[l]. */
  nablaB: Matrix[];
  /** BP4: nablaW[l] = deltas[l]·activations[l]ᵀ. */
  nablaW: Matrix[];
}

/** One sample, as the seed does it (allocating, for clarity). See the header for the equations. */
export function traceBackprop(network: Network, x: Matrix, y: Matrix): BackpropTrace {
  const { weights, biases, cost } = network;
  const sigma = network.activations;
  const L = weights.length;
  // feedforward, storing every z and activation
  let activation = x;
  const activations = [x];
  const zs: Matrix[] = [];
  for (let l = 0; l < L; l++) {
    const z = addColumnVector(gemm(weights[l], activation), biases[l]);
    zs.push(z);
    activation = Matrix.zeros(z.rows, 1, z.dtype);
    sigma[l].fn(z, activation);
    activations.push(activation);
  }
  // backward pass
  const deltas = new Array<Matrix>(L);
  const nablaB = new Array<Matrix>(L);
  const nablaW = new Array<Matrix>(L);
  let delta = like(zs[L - 1]);
  cost.delta(zs[L - 1], activations[L], y, sigma[L - 1], delta, like(delta)); // BP1
  for (let l = L - 1; l >= 0; l--) {
    if (l < L - 1) {
      const back = gemm(weights[l + 1], delta, { transA: true }); // (wˡ⁺¹)ᵀ δˡ⁺¹
      delta = like(zs[l]);
      sigma[l].backward(zs[l], activations[l + 1], back, delta, like(delta)); // BP2: ⊙ σ′(zˡ)
    }
    deltas[l] = delta;
    nablaB[l] = delta.clone(); // BP3
    nablaW[l] = gemm(delta, activations[l], { transB: true }); // BP4
  }
  return { zs, activations, deltas, nablaB, nablaW };
}

function like(m: Matrix): Matrix {
  return Matrix.zeros(m.rows, m.cols, m.dtype);
}

/** The buffers of one network for one batch size, allocated once and reused. */
interface Workspace {
  zs: Matrix[];
  /** activations[l] = σ(zs[l]); the input x is not copied. */
  activations: Matrix[];
  deltas: Matrix[];
  /** back[l] = (wˡ⁺²)ᵀ δˡ⁺² before ⊙ σ′ (BP2's first factor). */
  back: Matrix[];
  scratch: Matrix[];
}

const workspaces = new WeakMap<Network, Map<number, Workspace>>();

function workspaceFor(network: Network, batchSize: number): Workspace {
  let bySize = workspaces.get(network);
  if (!bySize) {
    bySize = new Map();
    workspaces.set(network, bySize);
  }
  let ws = bySize.get(batchSize);
  if (!ws) {
    const layer = () =>
      network.sizes.slice(1).map((n) => Matrix.zeros(n, batchSize, network.dtype));
    ws = { zs: layer(), activations: layer(), deltas: layer(), back: layer(), scratch: layer() };
    bySize.set(batchSize, ws);
  }
  return ws;
}

/**
 * A whole mini-batch at once: x is (sizes[0] × m), y is (outputs × m), one sample per column.
 * Writes into `out` the gradients summed over the batch (Σₓ ∇Cₓ, the seed's nabla after its
 * loop). Allocates nothing after the first call for a given network and batch size.
 * With `firstLayer` (inputs given to it as sparse columns), the first layer's two big
 * products — w¹x forward and δ¹xᵀ in BP4 — skip the zeros, and BP4's ∂C/∂w¹ goes to
 * firstLayer.gradient instead of out.nablaW[0]; x then serves only for its shape.
 */
export function backpropBatch(
  network: Network,
  x: Matrix,
  y: Matrix,
  out: Gradients,
  firstLayer?: FirstLayer | null,
): Gradients {
  network.assertInput(x);
  network.assertTarget(x, y);
  const { weights, biases, cost } = network;
  const sigma = network.activations;
  const L = weights.length;
  const { zs, activations, deltas, back, scratch } = workspaceFor(network, x.cols);
  // feedforward: z = w·a + b, a = σ(z), for the whole batch
  let activation = x;
  for (let l = 0; l < L; l++) {
    if (l === 0 && firstLayer) firstLayer.forward(zs[0]);
    else gemmInto(zs[l], weights[l], activation);
    addColumnVectorInto(zs[l], zs[l], biases[l]);
    sigma[l].fn(zs[l], activations[l]);
    activation = activations[l];
  }
  cost.delta(zs[L - 1], activations[L - 1], y, sigma[L - 1], deltas[L - 1], scratch[L - 1]); // BP1
  for (let l = L - 1; l >= 0; l--) {
    if (l < L - 1) {
      gemmInto(back[l], weights[l + 1], deltas[l + 1], TRANS_A); // (wˡ⁺¹)ᵀ δˡ⁺¹
      sigma[l].backward(zs[l], activations[l], back[l], deltas[l], scratch[l]); // BP2
    }
    sumRowsInto(out.nablaB[l], deltas[l]); // BP3, summed over the batch's columns
    if (l === 0 && firstLayer)
      firstLayer.weightGradient(deltas[0]); // BP4, sparse
    else gemmInto(out.nablaW[l], deltas[l], l === 0 ? x : activations[l - 1], TRANS_B); // BP4, summed
  }
  return out;
}

const TRANS_A = Object.freeze({ transA: true });
const TRANS_B = Object.freeze({ transB: true });
