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
 * (The built-in costs keep BP1 finite at every finite zᴸ, also where an output rounded to
 * exactly 0 or 1 and ∇ₐC ⊙ σ′ would be ∞·0: see @backprop/activations' costs.)
 *
 * Expanding the chain rule separately for every weight would repeat the products of all
 * the layers above it; keeping δˡ makes the whole gradient cost about one more forward pass.
 *
 * Indices: arrays start at 0 and hold layers 1…L of the article, so weights[l] is wˡ⁺¹ and
 * `zs[l]`, `activations[l + 1]`, `deltas[l]` belong to the same layer (activations[0] = x).
 * "⊙ σ′(z)" is `activation.backward(z, a, g, out)`, which is exactly g ⊙ σ′(z) for
 * element-wise activations and the Jacobian product for softmax.
 *
 * float32 networks flush subnormal activations and deltas (below 2⁻¹²⁶) to 0 as they are
 * made: WebAssembly has no flush-to-zero mode, and each multiply with a subnormal costs
 * about 100 cycles on x86 (see flushSubnormals). float64 values are never touched.
 *
 * Two forms, held equal by the tests: `traceBackprop` for one sample, written like the
 * seed's `backprop(x, y)` and returning the whole table; `backpropBatch` for a mini-batch
 * as one matrix (one sample per column), allocation-free in a workspace made once.
 */
import {
  addColumnVector,
  addColumnVectorInto,
  flushSubnormals,
  gemm,
  gemmInto,
  Matrix,
  type SparseLayer,
  sumRowsInto,
} from "@backprop/linalg";
import { activate, activationBackward } from "./activation-kernels";
import { type BackpropWorkspace, createBackpropWorkspace } from "./backprop-workspace";
import { NetworkShapeError } from "./errors";
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
    activations.push(flushSubnormals(activation));
  }
  // backward pass
  const deltas = new Array<Matrix>(L);
  const nablaB = new Array<Matrix>(L);
  const nablaW = new Array<Matrix>(L);
  let delta = like(zs[L - 1]);
  cost.delta(zs[L - 1], activations[L], y, sigma[L - 1], delta, like(delta)); // BP1
  flushSubnormals(delta);
  for (let l = L - 1; l >= 0; l--) {
    if (l < L - 1) {
      const back = gemm(weights[l + 1], delta, { transA: true }); // (wˡ⁺¹)ᵀ δˡ⁺¹
      delta = like(zs[l]);
      sigma[l].backward(zs[l], activations[l + 1], back, delta, like(delta)); // BP2: ⊙ σ′(zˡ)
      flushSubnormals(delta);
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

/**
 * A whole mini-batch at once, one sample per column: `input` is the batch x (sizes[0] × m)
 * or a sparse first layer already given this batch's inputs (see SparseLayer), and y is
 * (outputs × m). Returns the gradients summed over the batch (Σₓ ∇Cₓ, the seed's nabla
 * after its loop), in workspace.gradients. With a sparse first layer, its two big products
 * (z¹ = w¹x forward and BP4's δ¹xᵀ) skip the zero pixels, and ∂C/∂w¹ goes to the layer's
 * block instead of gradients.nablaW[0].
 * With a workspace (createBackpropWorkspace) nothing is allocated; without, one is made for
 * this call.
 */
export function backpropBatch(
  network: Network,
  input: Matrix | SparseLayer,
  y: Matrix,
  workspace: BackpropWorkspace = createBackpropWorkspace(network, y.cols),
): Gradients {
  const sparse = "forward" in input ? input : null;
  const x = sparse ? null : (input as Matrix);
  if (x) network.assertInput(x);
  else if (sparse && sparse.batchColumns !== y.cols) {
    throw new NetworkShapeError(
      `backpropBatch: the first layer holds a batch of ${sparse.batchColumns} samples but the target has ${y.cols}; give the layer this batch's inputs first`,
    );
  }
  network.assertTarget(x ?? { cols: y.cols }, y);
  const { weights, biases, cost } = network;
  const sigma = network.activations;
  const L = weights.length;
  const out = workspace.gradients;
  const { zs, activations, deltas, back, scratch } = workspace.buffersFor(y.cols);
  const [plain, transA, transB] = workspace.gemmKernel === "fma" ? FUSED : DEFAULT;
  // feedforward: z = w·a + b, a = σ(z), for the whole batch
  for (let l = 0; l < L; l++) {
    if (l > 0) gemmInto(zs[l], weights[l], activations[l - 1], plain);
    else if (x) gemmInto(zs[0], weights[0], x, plain);
    else sparse?.forward(zs[0]);
    addColumnVectorInto(zs[l], zs[l], biases[l]);
    activate(sigma[l], zs[l], activations[l]); // sigma[l].fn, built-ins in the kernels
    flushSubnormals(activations[l]);
  }
  cost.delta(zs[L - 1], activations[L - 1], y, sigma[L - 1], deltas[L - 1], scratch[L - 1]); // BP1
  flushSubnormals(deltas[L - 1]);
  for (let l = L - 1; l >= 0; l--) {
    if (l < L - 1) {
      gemmInto(back[l], weights[l + 1], deltas[l + 1], transA); // (wˡ⁺¹)ᵀ δˡ⁺¹
      activationBackward(sigma[l], zs[l], activations[l], back[l], deltas[l], scratch[l]); // BP2
      flushSubnormals(deltas[l]);
    }
    sumRowsInto(out.nablaB[l], deltas[l]); // BP3, summed over the batch's columns
    // BP4, summed over the batch
    if (l > 0) gemmInto(out.nablaW[l], deltas[l], activations[l - 1], transB);
    else if (x) gemmInto(out.nablaW[0], deltas[0], x, transB);
    else sparse?.weightGradient(deltas[0]);
  }
  return out;
}

/** gemm's options for z = w·a, wᵀ·δ and δ·aᵀ, with the default or the fused kernels. */
const DEFAULT = [{}, { transA: true }, { transB: true }].map((o) => Object.freeze(o));
const FUSED = DEFAULT.map((o) => Object.freeze({ ...o, kernel: "fma" as const }));
