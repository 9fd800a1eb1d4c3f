import type { FloatArray } from "./matrix";
import { Matrix } from "./matrix";
import { formatShape } from "./shape";
import { gemmWasmInto, WASM_GEMM_MIN_WORK } from "./wasm/gemm-wasm";

/**
 * C = α·op(A)·op(B) + β·C, where op(X) is X or Xᵀ. The transposes are read in place,
 * never copied, which covers every product backprop needs:
 *   feedforward   z = w·a            gemm(w, a)
 *   BP2           wᵀ·δ               gemm(w, delta, { transA: true })
 *   BP4           δ·aᵀ               gemm(delta, a, { transB: true })
 */
export interface GemmOptions {
  /** Read A as Aᵀ. */
  transA?: boolean;
  /** Read B as Bᵀ. */
  transB?: boolean;
  /** Scales the product; default 1. */
  alpha?: number;
  /** Scales the old C; default 0, which overwrites C (even if it held NaN, as BLAS does). */
  beta?: number;
  /**
   * "auto" (default): products of at least WASM_GEMM_MIN_WORK multiply-adds with α = 1 and
   * β = 0 run in the WebAssembly SIMD kernels where available; "js" always uses the JS
   * loops below (for comparisons and tests). "fma": as "auto", with fused multiply-adds
   * (relaxed SIMD) where the engine has them (see fusedMultiplyAddAvailable): about 1.6× the
   * GFLOP/s, but each multiply-add is rounded once instead of twice, so results differ from
   * "auto" in the last bits and may differ between machines. Never the default.
   */
  kernel?: "auto" | "js" | "fma";
  /**
   * 2: products in the WebAssembly kernels are split between this thread and a kernel
   * thread (rows or columns of C, each element computed by the same code in the same order,
   * so the result is bit-identical to one thread's). Pays on large products (a convolution's,
   * millions of multiply-adds); small ones stay on one thread. Where no second thread can
   * start (no SharedArrayBuffer, a page that is not cross-origin isolated), one. Default 1.
   */
  threads?: 1 | 2;
}

const NO_OPTIONS: GemmOptions = {};

/** The shape (rows, cols) of op(X). */
function opShape(x: Matrix, trans: boolean): [number, number] {
  return trans ? [x.cols, x.rows] : [x.rows, x.cols];
}

function describe(x: Matrix, trans: boolean): string {
  return trans ? `(${formatShape(x)})ᵀ` : formatShape(x);
}

/** The shape C must have for op(A)·op(B); throws a RangeError naming both shapes otherwise. */
export function gemmShape(
  a: Matrix,
  b: Matrix,
  options: GemmOptions = NO_OPTIONS,
): [number, number] {
  const [m, ka] = opShape(a, options.transA ?? false);
  const [kb, n] = opShape(b, options.transB ?? false);
  if (ka !== kb) {
    throw new RangeError(
      `gemm: cannot multiply ${describe(a, options.transA ?? false)} by ${describe(b, options.transB ?? false)}: inner dimensions ${ka} and ${kb} differ`,
    );
  }
  return [m, n];
}

/** (m×k)·(k×n) → (m×n), writing into `c`; allocates nothing. Returns `c`. */
export function gemmInto(
  c: Matrix,
  a: Matrix,
  b: Matrix,
  options: GemmOptions = NO_OPTIONS,
): Matrix {
  const transA = options.transA ?? false;
  const transB = options.transB ?? false;
  // Shapes of op(A) (m×k) and op(B) (k×n), read without building arrays: this runs per batch.
  const m = transA ? a.cols : a.rows;
  const k = transA ? a.rows : a.cols;
  const kb = transB ? b.cols : b.rows;
  const n = transB ? b.rows : b.cols;
  if (k !== kb) gemmShape(a, b, options); // throws, naming both shapes
  if (c.rows !== m || c.cols !== n) {
    throw new RangeError(
      `gemm: output is ${formatShape(c)} but ${describe(a, transA)}·${describe(b, transB)} is ${m}×${n}`,
    );
  }
  if (c.data === a.data || c.data === b.data) {
    throw new RangeError("gemm: the output must not share storage with an input");
  }
  const alpha = options.alpha ?? 1;
  const beta = options.beta ?? 0;
  if (
    alpha === 1 &&
    beta === 0 &&
    m * n * k >= WASM_GEMM_MIN_WORK &&
    options.kernel !== "js" &&
    gemmWasmInto(c, a, b, m, n, k, transA, transB, options.kernel === "fma", options.threads)
  ) {
    return c;
  }
  scaleOutput(c.data, beta);
  if (alpha === 0 || k === 0) return c;
  if (!transB) {
    // Both NN and TN walk rows of B and C contiguously; only A's stride differs.
    const aRowStride = transA ? 1 : a.cols;
    const aColStride = transA ? a.cols : 1;
    rowUpdateKernel(c.data, a.data, b.data, m, n, k, alpha, aRowStride, aColStride);
  } else if (!transA) {
    dotKernel(c.data, a.data, b.data, m, n, k, alpha);
  } else {
    transposedBothKernel(c.data, a.data, b.data, m, n, k, alpha);
  }
  return c;
}

/** Allocating form of `gemmInto`: returns a new op(A)·op(B) scaled by α. */
export function gemm(a: Matrix, b: Matrix, options: GemmOptions = NO_OPTIONS): Matrix {
  const [m, n] = gemmShape(a, b, options);
  return gemmInto(Matrix.zeros(m, n, a.dtype), a, b, { ...options, beta: 0 });
}

function scaleOutput(c: FloatArray, beta: number): void {
  if (beta === 0) c.fill(0);
  else if (beta !== 1) for (let i = 0; i < c.length; i++) c[i] *= beta;
}

/**
 * C[i,:] += α·op(A)[i,p]·B[p,:] for every p: the inner loop runs along a row of B and a row
 * of C (both contiguous), unrolled by four. op(A)[i,p] = a[i*aRowStride + p*aColStride].
 */
function rowUpdateKernel(
  c: FloatArray,
  a: FloatArray,
  b: FloatArray,
  m: number,
  n: number,
  k: number,
  alpha: number,
  aRowStride: number,
  aColStride: number,
): void {
  const n4 = n - (n % 4);
  for (let i = 0; i < m; i++) {
    const cRow = i * n;
    for (let p = 0; p < k; p++) {
      const aip = alpha * a[i * aRowStride + p * aColStride];
      const bRow = p * n;
      let j = 0;
      for (; j < n4; j += 4) {
        c[cRow + j] += aip * b[bRow + j];
        c[cRow + j + 1] += aip * b[bRow + j + 1];
        c[cRow + j + 2] += aip * b[bRow + j + 2];
        c[cRow + j + 3] += aip * b[bRow + j + 3];
      }
      for (; j < n; j++) c[cRow + j] += aip * b[bRow + j];
    }
  }
}

/** C[i,j] += α·(A[i,:]·B[j,:]): A·Bᵀ as dot products of two contiguous rows, four partial sums. */
function dotKernel(
  c: FloatArray,
  a: FloatArray,
  b: FloatArray,
  m: number,
  n: number,
  k: number,
  alpha: number,
): void {
  const k4 = k - (k % 4);
  for (let i = 0; i < m; i++) {
    const aRow = i * k;
    for (let j = 0; j < n; j++) {
      const bRow = j * k;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let p = 0;
      for (; p < k4; p += 4) {
        s0 += a[aRow + p] * b[bRow + p];
        s1 += a[aRow + p + 1] * b[bRow + p + 1];
        s2 += a[aRow + p + 2] * b[bRow + p + 2];
        s3 += a[aRow + p + 3] * b[bRow + p + 3];
      }
      for (; p < k; p++) s0 += a[aRow + p] * b[bRow + p];
      c[i * n + j] += alpha * (s0 + s1 + (s2 + s3));
    }
  }
}

/** C = α·Aᵀ·Bᵀ (rare in backprop): C[i,j] += α·Σₚ A[p,i]·B[j,p], walking A's rows. */
function transposedBothKernel(
  c: FloatArray,
  a: FloatArray,
  b: FloatArray,
  m: number,
  n: number,
  k: number,
  alpha: number,
): void {
  for (let j = 0; j < n; j++) {
    const bRow = j * k;
    for (let p = 0; p < k; p++) {
      const bjp = alpha * b[bRow + p];
      const aRow = p * m;
      for (let i = 0; i < m; i++) c[i * n + j] += a[aRow + i] * bjp;
    }
  }
}
