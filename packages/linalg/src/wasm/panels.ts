import type { FloatArray } from "../matrix";

/**
 * How the SIMD kernels store an input-major k × h matrix (the first layer's (w¹)ᵀ and its
 * gradient: one row of h hidden-neuron values per input pixel): as one or two column
 * panels, each k rows of `stride` values, the second after the first.
 *
 *   panel 0: columns [0, split)   rows stride values apart
 *   panel 1: columns [split, h)   (only when h is wide enough to split)
 *
 * Why panels: two threads each take one panel. With plain rows split in the middle, the
 * threads write alternating stretches of the same memory, and the hardware prefetcher of
 * each core keeps pulling in the other's cache lines: measured, a kernel on two threads
 * took 29 µs against 10 µs on one. With a contiguous panel each, 6.9 µs.
 *
 * Strides are whole 64-byte cache lines, the kernels' smaller register block (four v128
 * vectors; the larger is eight). The kernels compute every panel in whole blocks, padding included (its
 * weights are 0, and the caller keeps δ's padding rows 0, so it stays 0): no slow path for
 * leftover lanes. One thread runs both panels, one after the other, with the same
 * operations for each neuron, so neither the layout nor the results depend on the threads.
 */
export interface Panels {
  /** Rows (inputs) and columns (hidden neurons). */
  readonly k: number;
  readonly h: number;
  /** The first column of panel 1 (h if there is only one panel). */
  readonly split: number;
  /** Values from one row of a panel to the next (a multiple of one cache line). */
  readonly stride: number;
  /** Values in all panels: the length of the array to allocate. */
  readonly length: number;
  /**
   * Neurons the kernels compute in panel 0 and panel 1 (0 if there is none), padding
   * included: panel 0 covers [0, widths[0]), panel 1 [split, split + widths[1]).
   */
  readonly widths: readonly [number, number];
  /** widths[0] + widths[1]: the rows z, δ and the scratch must have (rows ≥ h are padding). */
  readonly padded: number;
}

/** The panel layout of a k × h matrix of float64 (8 bytes) or float32 (4 bytes) values. */
export function panelsFor(k: number, h: number, bytesPerValue: 4 | 8): Panels {
  const line = 64 / bytesPerValue; // values per cache line = per register block
  // Panel 0 (this thread's) takes the larger half: the kernel thread also waits for data
  // to cross from this core, so it should have less to compute.
  const split = Math.ceil(h / 2 / line) * line;
  // Two panels only if each gets at least two lines (one eight-vector block): narrower ones
  // cost a thread more in handing over than they save, and one thread two passes for one.
  if (split * bytesPerValue < 128 || split >= h) {
    const stride = Math.ceil(h / line) * line;
    return { k, h, split: h, stride, length: k * stride, widths: [stride, 0], padded: stride };
  }
  const rest = Math.ceil((h - split) / line) * line;
  return {
    k,
    h,
    split,
    stride: split,
    length: 2 * k * split,
    widths: [split, rest],
    padded: split + rest,
  };
}

/** Where element (r, i) of the k × h matrix lives in the panel array. */
export function panelIndex(p: Panels, r: number, i: number): number {
  return i < p.split ? r * p.stride + i : (p.k + r) * p.stride + (i - p.split);
}

/** The panel array of a row-major k × h matrix (for tests and loading). */
export function toPanels(p: Panels, dense: ArrayLike<number>, out: FloatArray): FloatArray {
  for (let r = 0; r < p.k; r++)
    for (let i = 0; i < p.h; i++) out[panelIndex(p, r, i)] = dense[r * p.h + i];
  return out;
}

/** The row-major k × h matrix of a panel array. */
export function fromPanels(p: Panels, panels: ArrayLike<number>): Float64Array {
  const dense = new Float64Array(p.k * p.h);
  for (let r = 0; r < p.k; r++)
    for (let i = 0; i < p.h; i++) dense[r * p.h + i] = panels[panelIndex(p, r, i)];
  return dense;
}
