/**
 * The first-layer kernels on a matrix stored in panels (see Panels): panel 1 goes to the
 * kernel thread when there is one, while this thread does panel 0, else both run here.
 * Pointers are byte offsets into the arena's memory (SimdArena checks nothing more).
 *
 * Every kernel takes the same arguments for both panels but for where its panel starts and
 * how wide it is, so each is described once by a function filling an argument list for a
 * given panel, and `runOnPanels` does the hand-off for all of them.
 */
import type { FloatArray } from "../matrix";
import { type AnyKernel, callKernel, type KernelExports, ON_THREAD } from "./kernel-module";
import type { KernelThread } from "./kernel-thread";
import type { Panels } from "./panels";
import type { ArenaSparse } from "./simd-arena";

type ThreadKernel = keyof typeof ON_THREAD;

/** Argument lists (up to 11 numbers) for panel 0 here and panel 1 without a thread. */
const here = new Float64Array(11);
const alone = new Float64Array(11);

/**
 * Runs `name` on panel 0 here and on panel 1 (if it has neurons) on the thread, or here
 * after panel 0 where there is none. `fill(args, panel)` writes one panel's arguments.
 * Returns 0 if both panels' kernels returned 0 (all updated values finite, for updates).
 */
function runOnPanels(
  kernels: KernelExports,
  thread: KernelThread | null,
  name: ThreadKernel,
  p: Panels,
  fill: (args: Float64Array, panel: 0 | 1) => void,
): number {
  const kernel = kernels[name] as AnyKernel;
  const split = p.widths[1] > 0;
  if (split && thread) {
    fill(thread.args, 1);
    thread.begin(ON_THREAD[name]);
  }
  fill(here, 0);
  let result: number;
  let other = 0;
  try {
    result = callKernel(kernel, here);
  } finally {
    if (split && thread) other = thread.join(); // also when panel 0 trapped: no call left running
  }
  if (split && !thread) {
    fill(alone, 1);
    other = callKernel(kernel, alone);
  }
  return result === 0 && other === 0 ? 0 : 1;
}

/** Byte offset of panel `panel` of a panel array (panel 1 follows panel 0's k rows). */
function panelStart(x: FloatArray, p: Panels, panel: 0 | 1): number {
  return x.byteOffset + (panel === 0 ? 0 : p.k * p.stride * x.BYTES_PER_ELEMENT);
}

/** Byte offset of the rows (or values) of panel `panel` in an array with one row per neuron. */
function neuronStart(x: FloatArray, p: Panels, panel: 0 | 1, rowLength: number): number {
  return x.byteOffset + (panel === 0 ? 0 : p.split * rowLength * x.BYTES_PER_ELEMENT);
}

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
  const name =
    product === "forward"
      ? f32
        ? "sparseForwardF32"
        : "sparseForwardF64"
      : f32
        ? "sparseGradientF32"
        : "sparseGradientF64";
  runOnPanels(kernels, thread, name, p, (a, panel) => {
    a[0] = panelStart(w, p, panel);
    a[1] = p.stride;
    a[2] = p.widths[panel];
    a[3] = s.colStart.byteOffset;
    a[4] = s.rowIndex.byteOffset;
    a[5] = s.values.byteOffset;
    a[6] = m;
    a[7] = neuronStart(byNeuron, p, panel, m);
    a[8] = neuronStart(tmp, p, panel, 1);
  });
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
  runOnPanels(kernels, thread, "clearRows", p, (a, panel) => {
    a[0] = panelStart(g, p, panel);
    a[1] = p.stride * e;
    a[2] = p.widths[panel] * e;
    a[3] = rows.byteOffset;
    a[4] = count;
  });
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
  const p = rows.panels;
  const name = w instanceof Float32Array ? "sgdRowsF32" : "sgdRowsF64";
  const status = runOnPanels(kernels, thread, name, p, (a, panel) => {
    a[0] = panelStart(w, p, panel);
    a[1] = panelStart(g, p, panel);
    a[2] = p.stride;
    a[3] = p.widths[panel];
    a[4] = rows.rows.byteOffset;
    a[5] = rows.count;
    a[6] = rate;
  });
  return status === 0;
}
