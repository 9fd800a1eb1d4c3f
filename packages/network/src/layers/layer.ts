import { type Activation, getActivation } from "@backprop/activations";
import { type DType, Matrix } from "@backprop/linalg";
import { activationBackward } from "../activation-kernels";
import { NetworkShapeError } from "../errors";

/**
 * The shape of one sample as a layer sees it: channels × height × width. A dense layer's
 * n neurons are { channels: n, height: 1, width: 1 }.
 */
export interface Shape3 {
  /** Feature maps (an image's colour channels, a convolution's filters, a dense layer's neurons). */
  channels: number;
  /** Rows of each feature map; 1 for a dense layer. */
  height: number;
  /** Columns of each feature map; 1 for a dense layer. */
  width: number;
}

/**
 * One layer of a {@link LayerNetwork}: a forward map aˡ⁻¹ → aˡ that keeps what its backward
 * pass needs (the memo of the dynamic programme), and a backward map from ∂C/∂aˡ to
 * ∂C/∂aˡ⁻¹ that fills the parameters' gradients on the way (BP2–BP4, one layer at a time).
 *
 * Batches hold one sample per column: a batch of m samples is a (C·H·W) × m matrix whose
 * row c·H·W + y·W + x holds channel c, row y, column x (channel-major, PyTorch's NCHW
 * flattened per sample).
 *
 * The matrices `forward` and `backward` return belong to the layer: it fills the same
 * buffers again on its next call with a batch of the same size (training allocates nothing
 * per batch), so copy (`clone()`) what you keep. LayerNetwork.feedforward returns a copy.
 */
export interface Layer {
  /** "dense", "conv2d", "maxPool", "avgPool", "flatten", "dropout", or a user's own kind. */
  readonly kind: string;
  /** The shape of one input sample. */
  readonly inputShape: Shape3;
  /** The shape of one output sample; dense: { channels: n, height: 1, width: 1 }. */
  readonly outputShape: Shape3;
  /** The learnable parameters, e.g. [weights, biases]; [] for pooling, flatten and dropout. */
  readonly parameters: Matrix[];
  /** ∂C/∂parameter summed over the last batch, same shapes as `parameters` (backward overwrites). */
  readonly gradients: Matrix[];
  /**
   * aˡ from aˡ⁻¹: input (C·H·W) × m → output (C′·H′·W′) × m. `training` switches dropout's
   * masks on; other layers ignore it. Keeps the input (and z, a) for `backward`.
   */
  forward(input: Matrix, training: boolean): Matrix;
  /**
   * ∂C/∂a of this layer's output (its shape × m) in, ∂C/∂a of its input out (the layer
   * below applies its own σ′). Fills `gradients`. Uses the memo of the last `forward`.
   * `inputDelta` false (the network's first layer: nothing below needs δ) lets a layer skip
   * BP2 and return null; a layer may ignore it and return the matrix anyway.
   */
  backward(deltaOut: Matrix, inputDelta?: boolean): Matrix | null;
  /**
   * Threads for the layer's matrix products from now on (dense and conv2d; bit-identical
   * either way). Optional: layers without products ignore LayerNetwork.setThreads.
   */
  setThreads?(threads: 1 | 2): void;
}

/**
 * A layer whose output is a = σ(z) (dense, conv2d): BP1 can start at its z, so a
 * {@link LayerNetwork} whose last layer is one asks the cost for δᴸ = ∂C/∂zᴸ directly
 * (with the shortcuts δᴸ = a − y of softmax + log-likelihood and sigmoid + cross-entropy).
 */
export interface ActivatedLayer extends Layer {
  /** σ, applied element-wise (or per column, for softmax) to z. */
  readonly activation: Activation;
  /** z of the last forward pass (null before the first). */
  readonly z: Matrix | null;
  /** a = σ(z) of the last forward pass (null before the first). */
  readonly a: Matrix | null;
  /** As `backward`, but given δ = ∂C/∂z of this layer (σ′ already applied, as by BP1). */
  backwardFromZ(delta: Matrix, inputDelta?: boolean): Matrix | null;
}

/** Whether `layer` exposes z, a and σ, so BP1 can start from its z (see ActivatedLayer). */
export function isActivatedLayer(layer: Layer): layer is ActivatedLayer {
  return typeof (layer as Partial<ActivatedLayer>).backwardFromZ === "function";
}

/** C·H·W: the rows a batch of samples of this shape has. */
export function shapeSize(shape: Shape3): number {
  return shape.channels * shape.height * shape.width;
}

/** "C×H×W", for messages. */
export function formatShape3(shape: Shape3): string {
  return `${shape.channels}×${shape.height}×${shape.width}`;
}

/** A frozen copy of a shape, after checking its three sizes are positive integers. */
export function checkShape3(what: string, shape: Shape3): Shape3 {
  for (const key of ["channels", "height", "width"] as const) {
    const n = shape?.[key];
    if (!Number.isInteger(n) || n < 1) {
      throw new NetworkShapeError(
        `${what}: inputShape.${key} must be a positive integer, got ${n}; pass { channels, height, width } of one sample`,
      );
    }
  }
  return Object.freeze({ channels: shape.channels, height: shape.height, width: shape.width });
}

/** Checks a positive integer option, naming the layer and the option otherwise. */
export function checkPositiveInteger(what: string, name: string, n: unknown): number {
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1) {
    throw new NetworkShapeError(`${what}: ${name} must be a positive integer, got ${n}`);
  }
  return n;
}

/** Throws unless `m` has the rows of `shape` (one sample per column). */
export function assertRows(what: string, m: Matrix, shape: Shape3): void {
  const rows = shapeSize(shape);
  if (m.rows !== rows) {
    throw new NetworkShapeError(
      `${what} is ${m.rows}×${m.cols} but this layer's samples are ${formatShape3(shape)} = ${rows} rows: pass a ${rows}×m matrix, one sample per column`,
    );
  }
}

/** Throws when backward is called before forward (the memo is empty). */
export function memo<T>(kind: string, value: T | null): T {
  if (value === null) {
    throw new NetworkShapeError(`${kind}.backward: call forward first (backward reuses its memo)`);
  }
  return value;
}

/** An Activation, or a name resolved in the registry. */
export function resolveActivation(a: Activation | string): Activation {
  return typeof a === "string" ? getActivation(a) : a;
}

/** Throws unless δ of the output has the output's shape (rows × the last forward's m). */
export function assertDeltaShape(kind: string, delta: Matrix, rows: number, cols: number): void {
  if (delta.rows !== rows || delta.cols !== cols) {
    throw new NetworkShapeError(
      `${kind}.backward: δ of the output is ${delta.rows}×${delta.cols} but the last forward pass gave ${rows}×${cols}`,
    );
  }
}

/**
 * `held` when it is already a rows × cols matrix of `dtype`, else a new one of zeros: how
 * layers keep one set of buffers per batch size instead of allocating on every call.
 */
export function reuse(held: Matrix | null, rows: number, cols: number, dtype: DType): Matrix {
  if (held && held.rows === rows && held.cols === cols && held.dtype === dtype) return held;
  return Matrix.zeros(rows, cols, dtype);
}

/** The buffers {@link throughActivation} writes δ into (one pair per layer, reused). */
export interface ActivationBuffers {
  delta: Matrix | null;
  scratch: Matrix | null;
}

/**
 * δ = ∂C/∂a ⊙ σ′(z) for a layer with an activation (dense, conv2d): its z and a from the
 * last forward (`kind` names the layer if there was none), through `activation.backward`,
 * so users' own activations work here as in the seed's Network. Written into
 * `buffers.delta` (allocated on the first call and when the batch size changes).
 */
export function throughActivation(
  kind: string,
  activation: Activation,
  z: Matrix | null,
  a: Matrix | null,
  deltaOut: Matrix,
  buffers: ActivationBuffers,
): Matrix {
  const zz = memo(kind, z);
  assertDeltaShape(kind, deltaOut, zz.rows, zz.cols);
  const delta = reuse(buffers.delta, zz.rows, zz.cols, zz.dtype);
  const scratch = reuse(buffers.scratch, zz.rows, zz.cols, zz.dtype);
  buffers.delta = delta;
  buffers.scratch = scratch;
  activationBackward(activation, zz, memo(kind, a), deltaOut, delta, scratch);
  return delta;
}
