import { type DType, type FloatArray, Matrix } from "./matrix";
import type { KernelExports } from "./wasm/kernel-exports";
import { type GemmShape, SimdArena } from "./wasm/simd-arena";

/**
 * A layer's parameters and their gradients, kept together in one WebAssembly memory, so
 * that the SGD step w ← w − (η/m)·∂C/∂w and the L2 decay w ← (1 − ηλ/n)·w run as SIMD
 * kernels (update.wat) on them in place, with no copy in or out. In a network of
 * 1000-wide layers (network3's last net) the JS loops took a fifth of each step.
 *
 * With `productColumns`, the arena also has room for the other operands of the layer's
 * products on up to that many samples, so that gemm runs them there (gemm-wasm.ts)
 * instead of copying the weights into its scratch memory for every product: in
 * network3's last net those copies (w in for z = w·x and wᵀ·δ, ∂C/∂w out of δ·xᵀ) were
 * 11.5% of each step, as long as the product itself at batch 10.
 *
 * The matrices are ordinary Matrix objects over views of that memory, which never grows, so
 * the views stay valid and JS code reads and writes them as usual. Layers smaller than
 * ARENA_MIN_PARAMETERS, and platforms without WebAssembly SIMD, get plain arrays and the
 * JS loops: a memory per small layer would cost more than its loop. Either way the results
 * are the same bits (parameter-arena.test.ts).
 */

/** From this many parameter values a layer's parameters live in an arena. */
export const ARENA_MIN_PARAMETERS = 1 << 14;

/** Room in a parameter arena for a product's operands that live elsewhere, copied in. */
export interface OperandRoom {
  arena: SimdArena;
  a: FloatArray;
  b: FloatArray;
  /** Bᵀ, for the A·Bᵀ kernels that run on a transposed copy. */
  bT: FloatArray;
  c: FloatArray;
  /** The product's shape, refilled each call. */
  shape: GemmShape;
}

export interface ParameterArena {
  kernels: KernelExports;
  room: OperandRoom | null;
}

/** Each arena that holds parameters, by its memory's buffer. */
const arenasByBuffer = new WeakMap<ArrayBufferLike, ParameterArena>();

/** Options of {@link parameterMatrices}. */
export interface ParameterMatricesOptions {
  /**
   * Room for the operands of products on up to this many columns (samples), each at most
   * as long as the largest dimension of the shapes times the columns; 0 (default) for none.
   * A dense layer asks for its training batch (see productInParameterArena).
   */
  productColumns?: number;
}

/**
 * Zeroed matrices for parameters of the given shapes (rows × cols), then as many for their
 * gradients, in that order: [w, b] → [w, b, ∂w, ∂b].
 */
export function parameterMatrices(
  shapes: readonly (readonly [rows: number, cols: number])[],
  dtype: DType = "float64",
  options: ParameterMatricesOptions = {},
): Matrix[] {
  const columns = options.productColumns ?? 0;
  if (!Number.isInteger(columns) || columns < 0) {
    throw new RangeError(
      `parameterMatrices: productColumns must be a non-negative integer (the largest batch to multiply in place), got ${columns}`,
    );
  }
  const all = [...shapes, ...shapes];
  const values = all.reduce((sum, [rows, cols]) => sum + rows * cols, 0);
  if (values / 2 < ARENA_MIN_PARAMETERS) {
    return all.map(([rows, cols]) => Matrix.zeros(rows, cols, dtype));
  }
  const longest = Math.max(...shapes.flat());
  const operand = columns * longest; // values in each of a, b, bT and c
  const bytes = (dtype === "float32" ? 4 : 8) * (values + 4 * operand) + 64 * (all.length + 4); // + alignment
  const arena = SimdArena.create(bytes);
  if (!arena) return all.map(([rows, cols]) => Matrix.zeros(rows, cols, dtype));
  const matrices = all.map(
    ([rows, cols]) => new Matrix(rows, cols, arena.floats(rows * cols, dtype)),
  );
  const room: OperandRoom | null =
    operand === 0
      ? null
      : {
          arena,
          a: arena.floats(operand, dtype),
          b: arena.floats(operand, dtype),
          bT: arena.floats(operand, dtype),
          c: arena.floats(operand, dtype),
          shape: { m: 0, n: 0, k: 0, transA: false, transB: false },
        };
  arenasByBuffer.set(matrices[0].data.buffer, { kernels: arena.kernelExports, room });
  return matrices;
}

/** The parameter arena `data` lives in, if any (for gemm-wasm.ts's productInParameterArena). */
export function parameterArenaOf(data: FloatArray): ParameterArena | undefined {
  return arenasByBuffer.get(data.buffer);
}

/** The kernels if p and g share an arena of parameterMatrices, else null. */
function sharedKernels(p: FloatArray, g: FloatArray): KernelExports | null {
  const kernels = arenasByBuffer.get(p.buffer)?.kernels;
  return kernels && p.buffer === g.buffer ? kernels : null;
}

/** p ← p − step·g (the SGD step), computed in double and rounded once per value. */
export function sgdStepInto(p: Matrix, g: Matrix, step: number): Matrix {
  const [pd, gd] = [p.data, g.data];
  if (pd.length !== gd.length) {
    throw new RangeError(
      `sgdStepInto: the parameters hold ${pd.length} values but the gradient ${gd.length}`,
    );
  }
  const kernels = sharedKernels(pd, gd);
  if (kernels && pd instanceof Float32Array === gd instanceof Float32Array) {
    const update = pd instanceof Float32Array ? kernels.sgdUpdateF32 : kernels.sgdUpdateF64;
    update(pd.byteOffset, gd.byteOffset, pd.length, step);
    return p;
  }
  for (let i = 0; i < pd.length; i++) pd[i] -= step * gd[i];
  return p;
}

/** w ← factor·w (the L2 decay), computed in double and rounded once per value. */
export function decayInto(w: Matrix, factor: number): Matrix {
  const wd = w.data;
  const kernels = arenasByBuffer.get(wd.buffer)?.kernels;
  if (kernels) {
    (wd instanceof Float32Array ? kernels.decayF32 : kernels.decayF64)(
      wd.byteOffset,
      wd.length,
      factor,
    );
    return w;
  }
  for (let i = 0; i < wd.length; i++) wd[i] *= factor;
  return w;
}
