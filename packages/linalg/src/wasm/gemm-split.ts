/**
 * The dense products of gemm.wat, on one thread or split between this thread and the
 * kernel thread. Each part is the same kernel on offset pointers (a block of C's rows, or of
 * its columns when C has few rows), so every element is computed by the same code in the
 * same order as on one thread: the results are bit-identical whatever the split.
 *
 *   rows split     C[0:r, :] here, C[r:m, :] there       (op(A)'s rows move with C's)
 *   columns split  C[:, 0:j] here, C[:, j:n] there       (B's columns, or rows for Bᵀ, move)
 *
 * Pointers are byte offsets into the arena's memory. `product` describes one call.
 *
 * Training does not split its dense products yet: gemm.ts runs them in a thread-less
 * scratch arena. Routed through the first layer's arena and kernel thread instead, they
 * made epochs 2-5% slower (784-300-100-10 batch 32, 784-800-10 batch 128), although a
 * split product is 1.4-2× faster than one thread on operands already in both cores'
 * caches: in training this thread copies the operands in before every call, so the kernel
 * thread fetches its half across cores (then 0.8-1.5×). The split pays once the dense
 * layers keep their weights in the arena and each thread updates the rows it computes, as
 * the first layer's panels do.
 */
import { type AnyKernel, callKernel, type KernelExports, ON_THREAD } from "./kernel-module";
import type { KernelThread } from "./kernel-thread";

/** A dense product on arena arrays (byte offsets), C (m × n) += op(A)·op(B). */
export interface DenseProduct {
  /** rows: NN or TN (gemmRows); dot: NT as dot products; dotColumns: NT along C's rows on bT. */
  kind: "rows" | "dot" | "dotColumns";
  f32: boolean;
  c: number;
  a: number;
  b: number;
  /** Bᵀ (k × n), for dotColumns. */
  bT: number;
  m: number;
  n: number;
  k: number;
  /** rows: op(A)[i,p] = a[i·aRow + p·aCol] (in values). */
  aRow: number;
  aCol: number;
}

/**
 * NT products with at most this many terms per element (k: the batch size in backprop)
 * run along rows of C on a transposed copy of B (gemmDotColumns): measured (a throwaway
 * timing of both kernels on the training shapes), 1.6-2× the dot-product kernel's GFLOP/s
 * at k = 10, about even at 32, and slower from 64. Both give the same values.
 */
export const DOT_COLUMNS_MAX_K = 32;

/**
 * Products smaller than this many multiply-adds stay on one thread: about 4 µs of work at
 * the kernels' 15 GFLOP/s (float64), against the ~1 µs a hand-off to a polling thread costs.
 */
export const SPLIT_MIN_WORK = 1 << 15;

/** Argument lists for this thread's part, and for the other part when there is no thread. */
const here = new Float64Array(11);

/**
 * Runs `product`, its second part on `thread` if there is one and the product is large
 * enough to split, else all here.
 */
export function runDenseProduct(
  kernels: KernelExports,
  thread: KernelThread | null,
  product: DenseProduct,
): void {
  const { m, n } = product;
  const name = kernelName(product);
  const kernel = kernels[name] as AnyKernel;
  const splitWork = thread !== null && m * n * product.k >= SPLIT_MIN_WORK;
  // Rows in multiples of 4 (the kernels' row block), columns in multiples of 8 (a 64-byte
  // line of float64, two blocks of float32), this thread taking the larger part.
  const rowSplit = splitWork && m >= 16 ? Math.ceil(m / 8) * 4 : 0;
  const colSplit = splitWork && !rowSplit && n >= 16 ? Math.ceil(n / 16) * 8 : 0;
  if (!thread || (!rowSplit && !colSplit)) {
    fill(here, product, 0, m, 0, n);
    callKernel(kernel, here);
    return;
  }
  if (rowSplit) fill(thread.args, product, rowSplit, m, 0, n);
  else fill(thread.args, product, 0, m, colSplit, n);
  thread.begin(ON_THREAD[name]);
  try {
    if (rowSplit) fill(here, product, 0, rowSplit, 0, n);
    else fill(here, product, 0, m, 0, colSplit);
    callKernel(kernel, here);
  } finally {
    thread.join(); // also when this part trapped: no call left running
  }
}

function kernelName(p: DenseProduct) {
  if (p.kind === "rows") return p.f32 ? "gemmRowsF32" : "gemmRowsF64";
  if (p.kind === "dot") return p.f32 ? "gemmDotF32" : "gemmDotF64";
  return p.f32 ? "gemmDotColumnsF32" : "gemmDotColumnsF64";
}

/** The arguments of the part C[r0:r1, j0:j1] of product `p`. */
function fill(
  args: Float64Array,
  p: DenseProduct,
  r0: number,
  r1: number,
  j0: number,
  j1: number,
): void {
  const bytes = p.f32 ? 4 : 8;
  args[0] = p.c + (r0 * p.n + j0) * bytes;
  if (p.kind === "rows") {
    args[1] = p.a + r0 * p.aRow * bytes;
    args[2] = p.b + j0 * bytes; // B is k × n: its columns move with C's
    args[3] = r1 - r0;
    args[4] = p.n;
    args[5] = p.k;
    args[6] = p.aRow;
    args[7] = p.aCol;
    args[8] = j1 - j0;
    return;
  }
  args[1] = p.a + r0 * p.k * bytes; // A is m × k
  args[2] = p.b + j0 * p.k * bytes; // B is n × k: its rows move with C's columns
  if (p.kind === "dot") {
    args[3] = r1 - r0;
    args[4] = p.n;
    args[5] = p.k;
    args[6] = j1 - j0;
    return;
  }
  args[3] = p.bT + j0 * bytes; // Bᵀ is k × n
  args[4] = r1 - r0;
  args[5] = p.n;
  args[6] = p.k;
  args[7] = j1 - j0;
}
