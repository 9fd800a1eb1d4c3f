import type { Activation } from "@backprop/activations";
import {
  convForwardInto,
  convInputGradientInto,
  convWeightGradientInto,
  type DType,
  Matrix,
  parameterMatrices,
  type Rng,
  sumRowsInto,
} from "@backprop/linalg";
import { activate } from "../activation-kernels";
import { type Initializer, initializeParameters } from "../initializers";
import { type ConvGeometry, convGeometry, type Padding } from "./conv-geometry";
import {
  type ActivatedLayer,
  type ActivationBuffers,
  assertDeltaShape,
  assertRows,
  memo,
  resolveActivation,
  reuse,
  type Shape3,
  shapeSize,
  throughActivation,
} from "./layer";

/** What {@link conv2d} builds: F filters of C × k × k weights each, and F biases. */
export interface Conv2dOptions {
  /** One input sample: channels × height × width. */
  inputShape: Shape3;
  /** F: output feature maps. */
  filters: number;
  /** k: each kernel is k × k (per input channel). */
  kernelSize: number;
  /** Step between kernel positions; default 1. */
  stride?: number;
  /** "valid" (default: no padding), "same" (H′ = ⌈H/stride⌉) or p zeros on each side. */
  padding?: Padding;
  /** σ applied to z: an Activation or a registered name. */
  activation: Activation | string;
  /**
   * Default "scaled": N(0, 1/(C·k·k)) weights, N(0, 1) biases (fan-in C·k·k; xavier's
   * fan-out is F·k·k).
   */
  init?: Initializer;
  /** The generator the initial biases, then weights, are drawn from. */
  rng: Rng;
  /** "float64" (default) or "float32": the parameters' and the batches' element type. */
  dtype?: DType;
  /**
   * 2 splits the layer's large matrix products with a second kernel thread (bit-identical
   * results; see linalg's GemmOptions.threads). Default 1.
   */
  threads?: 1 | 2;
}

/** A conv2d layer: an ActivatedLayer with its geometry (output size, padding). */
export interface Conv2dLayer extends ActivatedLayer {
  /** Kernel size, stride, padding and the input and output shapes. */
  readonly geometry: ConvGeometry;
  /** The padding option as given ("valid" when none was): what a model file stores. */
  readonly padding: Padding;
}

/**
 * A convolution with shared weights (network3's ConvPoolLayer without the pooling):
 * z[f, oy, ox] = b[f] + Σ_c,ky,kx w[f, c, ky, kx]·x[c, oy·s + ky − padTop, ox·s + kx − padLeft],
 * a = σ(z). weights F × (C·k·k), column c·k·k + ky·k + kx (PyTorch's OIHW flattened);
 * biases F × 1; z and a (F·H′·W′) × m.
 *
 * Computed by im2col and gemm (linalg's conv-products.ts): z = w·cols + b, cols (C·k·k) ×
 * (H′·W′·m) the unrolled patches. backward(g = ∂C/∂a), with δ = g ⊙ σ′(z) seen as F × (H′·W′·m):
 *   BP3  ∂C/∂b = δ summed over positions and samples
 *   BP4  ∂C/∂w = δ·colsᵀ
 *   BP2  ∂C/∂x = col2im(wᵀ·δ), which is the full correlation of δ with the flipped kernels
 *        (conv2d-naive.ts writes that form; the tests hold the two equal)
 */
export function conv2d(options: Conv2dOptions): Conv2dLayer {
  const padding = options.padding ?? "valid";
  const g = convGeometry(
    options.inputShape,
    options.filters,
    options.kernelSize,
    options.stride ?? 1,
    padding,
  );
  const activation = resolveActivation(options.activation);
  const F = g.output.channels;
  const P = g.output.height * g.output.width;
  const patch = g.input.channels * g.kernelSize * g.kernelSize;
  const dtype = options.dtype ?? "float64";
  // The conv products' options (setThreads changes threads). `keep` gives the layer its own
  // kernel memory, where BP4 reuses the forward pass's patches (linalg's ConvOptions.keep).
  const kernels: { threads: 1 | 2; keep: object } = { threads: options.threads ?? 1, keep: {} };
  const [w, b, nablaW, nablaB] = parameterMatrices(
    [
      [F, patch],
      [F, 1],
    ],
    dtype,
  );
  initializeParameters(
    options.init ?? "scaled",
    [patch, F * g.kernelSize * g.kernelSize],
    [b.data],
    [w.data],
    options.rng,
  );
  // The memo and the buffers of one batch size (see Layer: reused while m stays the same).
  let input: Matrix | null = null; // x, (C·H·W) × m: BP4 unrolls it again
  let z: Matrix | null = null; // (F·P) × m
  let a: Matrix | null = null;
  let deltaFlat: Matrix | null = null; // δ as F × (P·m), a view of the δ given
  let deltaIn: Matrix | null = null;
  const buffers: ActivationBuffers = { delta: null, scratch: null };

  const backwardFromZ = (delta: Matrix, inputDelta = true): Matrix | null => {
    const x = memo("conv2d", input);
    const m = x.cols;
    assertDeltaShape("conv2d", delta, F * P, m);
    if (deltaFlat?.data !== delta.data) deltaFlat = new Matrix(F, P * m, delta.data); // one row per filter
    sumRowsInto(nablaB, deltaFlat); // BP3
    convWeightGradientInto(nablaW, delta, x, g, kernels); // BP4: δ·colsᵀ
    if (!inputDelta) return null;
    deltaIn = reuse(deltaIn, shapeSize(g.input), m, dtype);
    return convInputGradientInto(deltaIn, w, delta, g, kernels); // BP2: col2im(wᵀ·δ)
  };

  return {
    kind: "conv2d",
    inputShape: g.input,
    outputShape: g.output,
    geometry: g,
    padding,
    parameters: [w, b],
    gradients: [nablaW, nablaB],
    activation,
    get z() {
      return z;
    },
    get a() {
      return a;
    },
    forward(x: Matrix): Matrix {
      assertRows("conv2d: the input", x, g.input);
      const m = x.cols;
      input = x;
      z = convForwardInto(reuse(z, F * P, m, dtype), w, b, x, g, kernels);
      a = reuse(a, F * P, m, dtype);
      activate(activation, z, a);
      return a;
    },
    backward(deltaOut: Matrix, inputDelta = true): Matrix | null {
      const delta = throughActivation("conv2d", activation, z, a, deltaOut, buffers);
      return backwardFromZ(delta, inputDelta);
    },
    backwardFromZ,
    setThreads(count: 1 | 2) {
      kernels.threads = count;
    },
  };
}
