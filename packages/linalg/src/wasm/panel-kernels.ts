/**
 * The first-layer kernels on a matrix stored in panels (see Panels): panel 1 goes to the
 * kernel thread when there is one, while this thread does panel 0, else both run here.
 * Pointers are byte offsets into the arena's memory (SimdArena checks nothing more).
 */
import type { FloatArray } from "../matrix";
import { type KernelExports, ON_THREAD } from "./kernel-module";
import type { KernelThread } from "./kernel-thread";
import type { Panels } from "./panels";
import type { ArenaSparse } from "./simd-arena";

/**
 * One of the two sparse products: `byNeuron` (z or δ, padded × m) and tmp are split at the
 * same neuron as the panels.
 */
export function sparseProductOnPanels(
  kernels: KernelExports,
  thread: KernelThread | null,
  product: "forward" | "gradient",
  w: FloatArray,
  p: Panels,
  s: ArenaSparse,
  m: number,
  byNeuron: FloatArray,
  tmp: FloatArray,
): void {
  const f32 = w instanceof Float32Array;
  const e = f32 ? 4 : 8;
  const kernel =
    product === "forward"
      ? f32
        ? kernels.sparseForwardF32
        : kernels.sparseForwardF64
      : f32
        ? kernels.sparseGradientF32
        : kernels.sparseGradientF64;
  const onThread =
    product === "forward"
      ? f32
        ? ON_THREAD.sparseForwardF32
        : ON_THREAD.sparseForwardF64
      : f32
        ? ON_THREAD.sparseGradientF32
        : ON_THREAD.sparseGradientF64;
  const { stride, split } = p;
  const cs = s.colStart.byteOffset;
  const ri = s.rowIndex.byteOffset;
  const vs = s.values.byteOffset;
  // panel 1: its weights after panel 0's k rows; its rows of z or δ, its values of tmp
  const w1 = w.byteOffset + p.k * stride * e;
  const rows1 = byNeuron.byteOffset + split * m * e;
  const tmp1 = tmp.byteOffset + split * e;
  if (thread) {
    const a = thread.args;
    a[0] = w1;
    a[1] = stride;
    a[2] = p.widths[1];
    a[3] = cs;
    a[4] = ri;
    a[5] = vs;
    a[6] = m;
    a[7] = rows1;
    a[8] = tmp1;
    thread.begin(onThread);
  } else if (p.widths[1] > 0) kernel(w1, stride, p.widths[1], cs, ri, vs, m, rows1, tmp1);
  try {
    kernel(w.byteOffset, stride, p.widths[0], cs, ri, vs, m, byNeuron.byteOffset, tmp.byteOffset);
  } finally {
    thread?.join(); // also when this thread's panel trapped: no call left running
  }
}

/** Zeroes rows rows[0 … count) of g. */
export function clearRowsOnPanels(
  kernels: KernelExports,
  thread: KernelThread | null,
  g: FloatArray,
  p: Panels,
  rows: Int32Array,
  count: number,
): void {
  const e = g.BYTES_PER_ELEMENT;
  const { stride, split } = p;
  const g1 = g.byteOffset + p.k * stride * e;
  if (thread) {
    const a = thread.args;
    a[0] = g1;
    a[1] = stride * e;
    a[2] = p.widths[1] * e;
    a[3] = rows.byteOffset;
    a[4] = count;
    thread.begin(ON_THREAD.clearRows);
  } else if (p.widths[1] > 0) {
    kernels.clearRows(g1, stride * e, p.widths[1] * e, rows.byteOffset, count);
  }
  try {
    kernels.clearRows(g.byteOffset, stride * e, p.widths[0] * e, rows.byteOffset, count);
  } finally {
    thread?.join(); // also when this thread's panel trapped: no call left running
  }
}

/** The seed's update on the listed rows, zeroing g there; false if an updated w is not finite. */
export function sgdRowsOnPanels(
  kernels: KernelExports,
  thread: KernelThread | null,
  w: FloatArray,
  g: FloatArray,
  rows: { panels: Panels; rows: Int32Array; count: number },
  rate: number,
): boolean {
  const f32 = w instanceof Float32Array;
  const kernel = f32 ? kernels.sgdRowsF32 : kernels.sgdRowsF64;
  const { panels: p, count } = rows;
  const { stride, split } = p;
  const list = rows.rows.byteOffset;
  const e = f32 ? 4 : 8;
  const w1 = w.byteOffset + p.k * stride * e;
  const g1 = g.byteOffset + p.k * stride * e;
  let other = 0;
  if (thread) {
    const a = thread.args;
    a[0] = w1;
    a[1] = g1;
    a[2] = stride;
    a[3] = p.widths[1];
    a[4] = list;
    a[5] = count;
    a[6] = rate;
    thread.begin(f32 ? ON_THREAD.sgdRowsF32 : ON_THREAD.sgdRowsF64);
  } else if (p.widths[1] > 0) other = kernel(w1, g1, stride, p.widths[1], list, count, rate);
  let here: number;
  try {
    here = kernel(w.byteOffset, g.byteOffset, stride, p.widths[0], list, count, rate);
  } finally {
    if (thread) other = thread.join();
  }
  return here === 0 && other === 0;
}
