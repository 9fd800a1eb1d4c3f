import { type DType, type FloatArray, Matrix } from "./matrix";
import type { KernelExports } from "./wasm/kernel-exports";
import { SimdArena } from "./wasm/simd-arena";

/**
 * A layer's parameters and their gradients, kept together in one WebAssembly memory, so
 * that the SGD step w ← w − (η/m)·∂C/∂w and the L2 decay w ← (1 − ηλ/n)·w run as SIMD
 * kernels (update.wat) on them in place, with no copy in or out. In a network of
 * 1000-wide layers (network3's last net) the JS loops took a fifth of each step.
 *
 * The matrices are ordinary Matrix objects over views of that memory, which never grows, so
 * the views stay valid and JS code reads and writes them as usual. Layers smaller than
 * ARENA_MIN_PARAMETERS, and platforms without WebAssembly SIMD, get plain arrays and the
 * JS loops: a memory per small layer would cost more than its loop. Either way the results
 * are the same bits (parameter-arena.test.ts).
 */

/** From this many parameter values a layer's parameters live in an arena. */
export const ARENA_MIN_PARAMETERS = 1 << 14;

/** The kernels of each arena that holds parameters, by the memory's buffer. */
const kernelsOf = new WeakMap<ArrayBufferLike, KernelExports>();

/**
 * Zeroed matrices for parameters of the given shapes (rows × cols), then as many for their
 * gradients, in that order: [w, b] → [w, b, ∂w, ∂b].
 */
export function parameterMatrices(
  shapes: readonly (readonly [rows: number, cols: number])[],
  dtype: DType = "float64",
): Matrix[] {
  const all = [...shapes, ...shapes];
  const values = all.reduce((sum, [rows, cols]) => sum + rows * cols, 0);
  const arena = values / 2 >= ARENA_MIN_PARAMETERS ? arenaFor(all, dtype) : null;
  if (!arena) return all.map(([rows, cols]) => Matrix.zeros(rows, cols, dtype));
  kernelsOf.set(arena.memory.buffer, arena.kernelExports);
  return all.map(([rows, cols]) => new Matrix(rows, cols, arena.floats(rows * cols, dtype)));
}

function arenaFor(shapes: readonly (readonly [number, number])[], dtype: DType): SimdArena | null {
  const bytes = shapes.reduce(
    (sum, [rows, cols]) => sum + rows * cols * (dtype === "float32" ? 4 : 8) + 64, // + alignment
    0,
  );
  return SimdArena.create(bytes);
}

/** The kernels if p and g share an arena of parameterMatrices, else null. */
function sharedKernels(p: FloatArray, g: FloatArray): KernelExports | null {
  const kernels = kernelsOf.get(p.buffer);
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
  const kernels = kernelsOf.get(wd.buffer);
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
