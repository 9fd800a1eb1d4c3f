import type { Activation } from "@backprop/activations";
import { addColumnVectorInto, gemmInto, Matrix, type Rng, sumRowsInto } from "@backprop/linalg";
import { type Initializer, initializeParameters } from "../initializers";
import { type ConvGeometry, convGeometry, type Padding } from "./conv-geometry";
import { col2imInto, im2colInto } from "./im2col";
import {
  type ActivatedLayer,
  assertDeltaShape,
  assertRows,
  memo,
  resolveActivation,
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
 * Computed by im2col and gemm: z = w·cols + b, cols (C·k·k) × (H′·W′·m) from im2col.ts.
 * backward(g = ∂C/∂a), with δ = g ⊙ σ′(z) seen as F × (H′·W′·m):
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
  const w = Matrix.zeros(F, patch);
  const b = Matrix.zeros(F, 1);
  initializeParameters(
    options.init ?? "scaled",
    [patch, F * g.kernelSize * g.kernelSize],
    [b.data],
    [w.data],
    options.rng,
  );
  const nablaW = Matrix.zeros(F, patch);
  const nablaB = Matrix.zeros(F, 1);
  let cols: Matrix | null = null;
  let z: Matrix | null = null;
  let a: Matrix | null = null;

  const backwardFromZ = (delta: Matrix): Matrix => {
    const patches = memo("conv2d", cols);
    const m = patches.cols / P;
    assertDeltaShape("conv2d", delta, F * P, m);
    const flat = new Matrix(F, P * m, delta.data); // the same numbers, one row per filter
    sumRowsInto(nablaB, flat); // BP3
    gemmInto(nablaW, flat, patches, { transB: true }); // BP4: δ·colsᵀ
    const dcols = gemmInto(Matrix.zeros(patch, P * m), w, flat, { transA: true }); // wᵀ·δ
    return col2imInto(Matrix.zeros(shapeSize(g.input), m), g, dcols); // BP2
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
    forward(input: Matrix): Matrix {
      assertRows("conv2d: the input", input, g.input);
      const m = input.cols;
      cols = im2colInto(Matrix.zeros(patch, P * m), g, input);
      const flat = gemmInto(Matrix.zeros(F, P * m), w, cols);
      addColumnVectorInto(flat, flat, b);
      z = new Matrix(F * P, m, flat.data);
      a = Matrix.zeros(F * P, m);
      activation.fn(z, a);
      return a;
    },
    backward(deltaOut: Matrix): Matrix {
      return backwardFromZ(throughActivation("conv2d", activation, z, a, deltaOut));
    },
    backwardFromZ,
  };
}
