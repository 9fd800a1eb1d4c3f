/**
 * A parameter block: one weight matrix or bias vector as the kernels hold it, with its
 * gradient. Optimizers update parameters only through blocks, so they never learn where
 * or in which layout the values live (the SIMD first layer keeps w¹ transposed, in panels,
 * in WebAssembly memory). Whatever leaves a block (optimizer state for a checkpoint) is
 * converted to the model's own row-major layout here.
 */
import type { FloatArray, Matrix } from "../matrix";
import type { UpdateRule } from "./update-rules";

/**
 * One weight matrix or bias vector as the kernels hold it, with its gradient: what an
 * optimizer's `step` updates (see the file comment for why values may be in another layout).
 */
export interface ParameterBlock {
  /** The parameter's rows in the model (wˡ: neurons of layer l; bˡ: the same). */
  readonly rows: number;
  /** The parameter's columns in the model (wˡ: neurons of layer l−1; bˡ: 1). */
  readonly cols: number;
  /**
   * Its values and gradient as the kernels hold them: rows·cols values in some order,
   * maybe with padding (which stays 0). Element-wise code may read and write them.
   */
  readonly values: FloatArray;
  /** ∂C/∂values summed over the batch (the rules divide by m), in the layout of `values`. */
  readonly gradient: FloatArray;
  /** A zeroed float64 buffer of this block's layout, for an update rule's state. */
  createState(): Float64Array;
  /** A state buffer of this block's layout in the model's layout (rows·cols values). */
  stateToModel(state: Float64Array): Float64Array;
  /** Fills a state buffer of this block's layout from the model's layout. */
  stateFromModel(model: ArrayLike<number>, state: Float64Array): void;
  /**
   * Applies `rule` with its state buffers (from createState). False if an updated value
   * is NaN or ±∞.
   */
  update<S>(rule: UpdateRule<S>, state: readonly Float64Array[], settings: S): boolean;
  /** values ← factor·values (L2 weight decay). */
  scale(factor: number): void;
  /**
   * gradient ← gradient + c·values ("l2") or + c·sgn(values) ("l1"): weight decay coupled
   * to the gradient, as PyTorch's `weight_decay`, so it passes through momentum or Adam.
   */
  addDecayToGradient(kind: "l2" | "l1", c: number): void;
}

/** The element-wise loop of addDecayToGradient, for blocks whose arrays share a layout. */
export function addDecay(
  values: ArrayLike<number>,
  gradient: { [i: number]: number; length: number },
  kind: "l2" | "l1",
  c: number,
): void {
  if (kind === "l2") for (let i = 0; i < gradient.length; i++) gradient[i] += c * values[i];
  else for (let i = 0; i < gradient.length; i++) gradient[i] += c * Math.sign(values[i]);
}

/**
 * The block of a parameter held as an ordinary Matrix with its gradient: the layout is the
 * model's, and every rule runs its reference loop.
 */
export function matrixBlock(values: Matrix, gradient: Matrix): ParameterBlock {
  if (values.rows !== gradient.rows || values.cols !== gradient.cols) {
    throw new RangeError(
      `matrixBlock: the gradient is ${gradient.rows}×${gradient.cols} but the parameter is ${values.rows}×${values.cols}`,
    );
  }
  const w = values.data;
  const g = gradient.data;
  return {
    rows: values.rows,
    cols: values.cols,
    values: w,
    gradient: g,
    createState: () => new Float64Array(w.length),
    stateToModel: (state) => Float64Array.from(state),
    stateFromModel(model, state) {
      state.set(model);
    },
    update: (rule, state, settings) => rule.apply(w, g, state, settings) === 0,
    scale(factor) {
      for (let i = 0; i < w.length; i++) w[i] = factor * w[i];
    },
    addDecayToGradient(kind, c) {
      addDecay(w, g, kind, c);
    },
  };
}
