import type { Activation } from "@backprop/activations";
import {
  addColumnVectorInto,
  type DType,
  gemmInto,
  type Matrix,
  parameterMatrices,
  type Rng,
  sumRowsInto,
} from "@backprop/linalg";
import { activate } from "../activation-kernels";
import { type Initializer, initializeParameters } from "../initializers";
import {
  type ActivatedLayer,
  type ActivationBuffers,
  assertDeltaShape,
  assertRows,
  checkPositiveInteger,
  memo,
  resolveActivation,
  reuse,
  type Shape3,
  throughActivation,
} from "./layer";

/** What {@link dense} builds: a fully connected layer a = σ(w·x + b). */
export interface DenseOptions {
  /** Neurons of the layer below (rows of the input). */
  inputs: number;
  /** Neurons of this layer. */
  outputs: number;
  /** σ: an Activation or a registered name ("sigmoid", "relu", "softmax", yours). */
  activation: Activation | string;
  /** How weights and biases start; default "standard", the seed's N(0, 1) (see Initializer). */
  init?: Initializer;
  /** The generator the initial weights are drawn from (biases first, then weights, as the seed). */
  rng: Rng;
  /** "float64" (default) or "float32": the parameters' and the batches' element type. */
  dtype?: DType;
  /**
   * 2 splits the layer's large matrix products with a second kernel thread (bit-identical
   * results; see linalg's GemmOptions.threads). Default 1.
   */
  threads?: 1 | 2;
}

/**
 * Mini-batches up to this size multiply inside the parameters' arena. Larger ones (and
 * evaluation's chunks of 1,000) copy w into gemm's scratch as before, which costs little
 * next to their product: at batch 10 the copy took as long as the product, at 64 an eighth.
 * The room costs 4 × 64 × max(inputs, outputs) values: 1 MB beside the 8 MB of a 1000 × 1000
 * float32 layer's parameters and gradients.
 */
const PRODUCT_COLUMNS = 64;

/**
 * The seed's layer, on its own: z = w·x + b, a = σ(z), with x (inputs × m), w (outputs ×
 * inputs, row j holds neuron j's weights), b (outputs × 1), z and a (outputs × m).
 *
 * backward(g = ∂C/∂a):  δ = g ⊙ σ′(z)            (activation.backward; softmax's Jacobian)
 *                       ∂C/∂b = Σ over samples δ  (BP3)
 *                       ∂C/∂w = δ·xᵀ              (BP4)
 *                       ∂C/∂x = wᵀ·δ              (BP2, before the layer below's σ′)
 * The same kernels as `backpropBatch`, so a stack of dense layers gives Network's numbers.
 */
export function dense(options: DenseOptions): ActivatedLayer {
  const inputs = checkPositiveInteger("dense", "inputs", options.inputs);
  const outputs = checkPositiveInteger("dense", "outputs", options.outputs);
  const activation = resolveActivation(options.activation);
  const dtype = options.dtype ?? "float64";
  // The products' options; setThreads changes all three.
  const threads: { threads: 1 | 2 } = { threads: options.threads ?? 1 };
  const transA: { threads: 1 | 2; transA: true } = { ...threads, transA: true };
  const transB: { threads: 1 | 2; transB: true } = { ...threads, transB: true };
  // In one WebAssembly memory when large, so the SGD step and the products on batches of up
  // to PRODUCT_COLUMNS samples run there, without copying w or ∂C/∂w (parameterMatrices).
  const [w, b, nablaW, nablaB] = parameterMatrices(
    [
      [outputs, inputs],
      [outputs, 1],
    ],
    dtype,
    { productColumns: PRODUCT_COLUMNS },
  );
  initializeParameters(
    options.init ?? "standard",
    [inputs, outputs],
    [b.data],
    [w.data],
    options.rng,
  );
  const inputShape: Shape3 = Object.freeze({ channels: inputs, height: 1, width: 1 });
  let x: Matrix | null = null;
  let z: Matrix | null = null;
  let a: Matrix | null = null;
  let deltaIn: Matrix | null = null;
  const buffers: ActivationBuffers = { delta: null, scratch: null };

  const backwardFromZ = (delta: Matrix, inputDelta = true): Matrix | null => {
    const input = memo("dense", x);
    assertDeltaShape("dense", delta, outputs, input.cols);
    sumRowsInto(nablaB, delta); // BP3, summed over the batch's columns
    gemmInto(nablaW, delta, input, transB); // BP4: δ·xᵀ
    if (!inputDelta) return null;
    deltaIn = reuse(deltaIn, inputs, delta.cols, dtype);
    return gemmInto(deltaIn, w, delta, transA); // wᵀ·δ
  };

  return {
    kind: "dense",
    inputShape,
    outputShape: Object.freeze({ channels: outputs, height: 1, width: 1 }),
    parameters: [w, b],
    gradients: [nablaW, nablaB],
    activation,
    get z() {
      return z;
    },
    get a() {
      return a;
    },
    forward(input: Matrix): Matrix {
      assertRows("dense: the input", input, inputShape);
      x = input;
      z = gemmInto(reuse(z, outputs, input.cols, dtype), w, input, threads);
      addColumnVectorInto(z, z, b);
      a = reuse(a, outputs, input.cols, dtype);
      activate(activation, z, a);
      return a;
    },
    backward(deltaOut: Matrix, inputDelta = true): Matrix | null {
      const delta = throughActivation("dense", activation, z, a, deltaOut, buffers);
      return backwardFromZ(delta, inputDelta);
    },
    backwardFromZ,
    setThreads(count: 1 | 2) {
      threads.threads = transA.threads = transB.threads = count;
    },
  };
}
