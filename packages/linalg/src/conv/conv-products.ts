import { addColumnVectorInto } from "../broadcast";
import { gemmInto } from "../gemm";
import { type DType, Matrix } from "../matrix";
import { formatShape } from "../shape";
import { transposeInto } from "../transpose";
import { convForwardWasm, convInputGradientWasm, convWeightGradientWasm } from "../wasm/conv-wasm";
import { WASM_GEMM_MIN_WORK } from "../wasm/gemm-wasm";
import { type ConvShape, outputPositions, patchLength } from "./conv-shape";
import { col2imInto, im2colInto } from "./im2col";

/**
 * A convolution's three matrix products, the kernels behind network's conv2d layer:
 *
 *   forward  z = w·cols + b            cols = im2col(x), (C·k·k) × (P·m)
 *   BP4      ∂C/∂w = δ·colsᵀ, computed as (cols·δᵀ)ᵀ (a faster product; see conv-wasm.ts)
 *   BP2      ∂C/∂x = col2im(wᵀ·δ)      (the full correlation of δ with the flipped kernels)
 *
 * Shapes, one sample per column: x (C·H·W) × m, w F × (C·k·k), b F × 1, z and δ (F·P) × m
 * (P = H′·W′; the same numbers as an F × (P·m) matrix). By default im2col and col2im run
 * in the WebAssembly kernels inside the arena the product runs in (conv.wat), so the
 * patches matrix is never copied; `kernel: "js"` runs im2col.ts and gemmInto instead, with
 * the same results bit for bit. With `keep`, a layer's patches stay in a memory of its own
 * from the forward pass to BP4 (see ConvOptions.keep); without, BP4 unrolls x again.
 */
export interface ConvOptions {
  /** 2: split the products with a kernel thread (bit-identical; see GemmOptions.threads). */
  threads?: 1 | 2;
  /** "auto" (default): the WebAssembly kernels where available; "js": im2col.ts and gemmInto. */
  kernel?: "auto" | "js";
  /**
   * A key (any object, one per layer: network's conv2d passes its own) under which the
   * products get a memory of their own on one thread for batches of up to 32 samples,
   * where BP4 reuses the patches the forward pass made for the same input Matrix instead
   * of unrolling x again. The same bits. BP4 then sees x as the forward pass did, so
   * change x only through another forward pass. Omitted: nothing is kept.
   */
  keep?: object;
}

const NO_OPTIONS: ConvOptions = {};

/** z ← w·im2col(x) + b. Returns z. */
export function convForwardInto(
  z: Matrix,
  w: Matrix,
  b: Matrix,
  x: Matrix,
  g: ConvShape,
  options: ConvOptions = NO_OPTIONS,
): Matrix {
  const F = g.output.channels;
  const m = x.cols;
  checkShapes("convForwardInto", g, m, [
    ["z", z, F * outputPositions(g)],
    ["w", w, F, patchLength(g)],
    ["b", b, F, 1],
    ["x", x, imageLength(g)],
  ]);
  const threads = options.threads ?? 1;
  if (useKernels(g, m, options) && convForwardWasm(z, w, b, x, g, threads, options.keep)) {
    return z;
  }
  const cols = im2colInto(held("patches", patchLength(g), outputPositions(g) * m, z.dtype), g, x);
  const flat = new Matrix(F, outputPositions(g) * m, z.data); // z as F × (P·m)
  gemmInto(flat, w, cols, { threads });
  addColumnVectorInto(flat, flat, b);
  return z;
}

/** nablaW ← δ·im2col(x)ᵀ (BP4). Returns nablaW. */
export function convWeightGradientInto(
  nablaW: Matrix,
  delta: Matrix,
  x: Matrix,
  g: ConvShape,
  options: ConvOptions = NO_OPTIONS,
): Matrix {
  const F = g.output.channels;
  const m = x.cols;
  checkShapes("convWeightGradientInto", g, m, [
    ["nablaW", nablaW, F, patchLength(g)],
    ["delta", delta, F * outputPositions(g)],
    ["x", x, imageLength(g)],
  ]);
  const threads = options.threads ?? 1;
  if (
    useKernels(g, m, options) &&
    convWeightGradientWasm(nablaW, delta, x, g, threads, options.keep)
  ) {
    return nablaW;
  }
  // (cols·δᵀ)ᵀ, as the kernels compute it (see convWeightGradientWasm), so the same bits.
  const dtype = nablaW.dtype;
  const cols = im2colInto(held("patches", patchLength(g), outputPositions(g) * m, dtype), g, x);
  const flatDelta = new Matrix(F, cols.cols, delta.data); // δ as F × (P·m)
  const deltaT = transposeInto(held("deltaT", cols.cols, F, dtype), flatDelta);
  const product = gemmInto(held("product", cols.rows, F, dtype), cols, deltaT, { threads });
  return transposeInto(nablaW, product);
}

/** dx ← col2im(wᵀ·δ) (BP2): ∂C/∂x, overwritten. Returns dx. */
export function convInputGradientInto(
  dx: Matrix,
  w: Matrix,
  delta: Matrix,
  g: ConvShape,
  options: ConvOptions = NO_OPTIONS,
): Matrix {
  const F = g.output.channels;
  const m = dx.cols;
  checkShapes("convInputGradientInto", g, m, [
    ["dx", dx, imageLength(g)],
    ["w", w, F, patchLength(g)],
    ["delta", delta, F * outputPositions(g)],
  ]);
  const threads = options.threads ?? 1;
  if (useKernels(g, m, options) && convInputGradientWasm(dx, w, delta, g, threads, options.keep)) {
    return dx;
  }
  const dcols = held("patches", patchLength(g), outputPositions(g) * m, dx.dtype);
  gemmInto(dcols, w, new Matrix(F, outputPositions(g) * m, delta.data), { threads, transA: true });
  return col2imInto(dx, g, dcols);
}

/**
 * Whether to try the WebAssembly kernels: asked for, and a product as large as gemmInto
 * sends there (smaller ones run its JS loops, whose float32 roundings differ).
 */
function useKernels(g: ConvShape, m: number, options: ConvOptions): boolean {
  const work = g.output.channels * patchLength(g) * outputPositions(g) * m;
  return options.kernel !== "js" && work >= WASM_GEMM_MIN_WORK;
}

function imageLength(g: ConvShape): number {
  return g.input.channels * g.input.height * g.input.width;
}

/**
 * The JS path's work matrices, one per use and precision: the patches, (C·k·k) × (P·m), and
 * BP4's δᵀ and cols·δᵀ. Kept and reused while large enough: each call fills them before
 * reading them, and nothing keeps them after.
 */
const workMatrices: Record<string, Matrix> = {};

function held(use: "patches" | "deltaT" | "product", rows: number, cols: number, dtype: DType) {
  const key = `${use}/${dtype}`;
  const kept = workMatrices[key];
  if (kept && kept.data.length >= rows * cols) {
    return new Matrix(rows, cols, kept.data.subarray(0, rows * cols));
  }
  const fresh = Matrix.zeros(rows, cols, dtype);
  workMatrices[key] = fresh;
  return fresh;
}

/** [name, matrix, rows, cols (default m)] for each operand; throws naming the first wrong one. */
function checkShapes(
  fn: string,
  g: ConvShape,
  m: number,
  operands: [string, Matrix, number, number?][],
): void {
  for (const [name, matrix, rows, cols = m] of operands) {
    if (matrix.rows !== rows || matrix.cols !== cols) {
      const { input: i, output: o, kernelSize: k } = g;
      throw new RangeError(
        `${fn}: ${name} is ${formatShape(matrix)} but the convolution (${i.channels}×${i.height}×${i.width} → ${o.channels}×${o.height}×${o.width}, ${k}×${k} kernels, ${m} samples) needs ${rows}×${cols}`,
      );
    }
  }
  const dtype = operands[0][1].dtype;
  const other = operands.find(([, matrix]) => matrix.dtype !== dtype);
  if (other) {
    throw new RangeError(
      `${fn}: ${other[0]} is ${other[1].dtype} but ${operands[0][0]} is ${dtype}; build both in one precision (the dtype option of the layer or Matrix.zeros)`,
    );
  }
}
