import type { ImageShape } from "./conv/conv-shape";
import type { FloatArray, Matrix } from "./matrix";
import { formatShape } from "./shape";
import { maxPool2x2BackwardWasmInto, maxPool2x2WasmInto } from "./wasm/elementwise-wasm";

/**
 * 2×2 max pooling with stride 2 (network3's poolsize (2, 2)), each channel alone:
 *
 *   forward   y[c, oy, ox] = max over dy, dx ∈ {0, 1} of x[c, 2·oy + dy, 2·ox + dx]
 *   backward  δin[c, 2·oy + dy, 2·ox + dx] = δ[c, oy, ox] at the window's argmax, 0 elsewhere
 *             (the max passes that one input through: BP2 through a max)
 *
 * Shapes, one sample per column: x and δin (C·H·W) × m, y and δ (C·H′·W′) × m with
 * H′ = ⌊H/2⌋, W′ = ⌊W/2⌋ (an odd last row or column is left out, as PyTorch's floor mode).
 * `corner` (one byte per value of y) holds each argmax as the window's corner 0 1 / 2 3
 * (row-major): the first largest on ties, the first NaN if there is one (PyTorch propagates
 * NaN). Forward writes it; backward reads it.
 *
 * Neither the WebAssembly SIMD kernels (lanes over the m samples of a pixel) nor the JS
 * loops branch on the values: the winners are random, and a mispredicted branch per
 * comparison was most of the cost of the obvious loop. Both give exactly its bits
 * (max-pool-kernels.test.ts). Other window sizes and strides: network's maxPool layer.
 */
export interface MaxPoolOptions {
  /** "auto" (default): WebAssembly SIMD for large layers where available; "js": the JS loops. */
  kernel?: "auto" | "js";
}

/**
 * From this many values of y (and δ) the SIMD kernels, with their copies into and out of
 * the arena, beat the JS loops: forward already from about 20, backward from about 100
 * (bench/layer-kernels.bench.ts; network3's pools have 28,800 and 6,400 at m = 10).
 */
export const WASM_MAX_POOL_MIN_OUTPUTS = 128;

const NO_OPTIONS: MaxPoolOptions = {};

/** y, corner ← the 2×2 max pooling of x, (C·H·W) × m → (C·H′·W′) × m. Allocates nothing. */
export function maxPool2x2Into(
  x: Matrix,
  image: ImageShape,
  y: Matrix,
  corner: Uint8Array,
  options: MaxPoolOptions = NO_OPTIONS,
): void {
  checkShapes("maxPool2x2Into", image, x, "x", y, "y", corner);
  const { channels: C, height: H, width: W } = image;
  const m = x.cols;
  if (useKernels(y, options) && maxPool2x2WasmInto(x.data, y.data, corner, C, H, W, m)) return;
  maxOfWindows(x.data, y.data, corner, C, H, W, m);
}

/** δin ← δ routed to each window's corner, (C·H′·W′) × m → (C·H·W) × m. Allocates nothing. */
export function maxPool2x2BackwardInto(
  delta: Matrix,
  corner: Uint8Array,
  image: ImageShape,
  deltaIn: Matrix,
  options: MaxPoolOptions = NO_OPTIONS,
): void {
  checkShapes("maxPool2x2BackwardInto", image, deltaIn, "deltaIn", delta, "delta", corner);
  const { channels: C, height: H, width: W } = image;
  const m = delta.cols;
  const d = delta.data;
  const dIn = deltaIn.data;
  if (useKernels(delta, options) && maxPool2x2BackwardWasmInto(d, corner, dIn, C, H, W, m)) return;
  routeToCorners(d, corner, dIn, C, H, W, m);
}

function useKernels(out: Matrix, options: MaxPoolOptions): boolean {
  return options.kernel !== "js" && out.data.length >= WASM_MAX_POOL_MIN_OUTPUTS;
}

/** 1 if v wins over max (larger, or NaN against a number), else 0: comparisons, no branch. */
function wins(v: number, max: number): number {
  return +(v > max) | (+Number.isNaN(v) & +!Number.isNaN(max));
}

/**
 * A tournament per window: the top pair's winner, the bottom pair's, then the two (the top
 * one kept on a tie), which picks the corner a left-to-right scan picks. Values are chosen
 * by index (x[i + corner's offset]), so nothing branches on them.
 */
function maxOfWindows(
  x: FloatArray,
  y: FloatArray,
  corner: Uint8Array,
  C: number,
  H: number,
  W: number,
  m: number,
): void {
  const below = W * m; // from a pixel to the one below it
  let o = 0; // y and corner: (c·H′ + oy)·W′ + ox, then j
  for (let c = 0; c < C; c++)
    for (let oy = 0; oy < H >> 1; oy++) {
      const top = (c * H + 2 * oy) * below;
      for (let ox = 0; ox < W >> 1; ox++) {
        const window = top + 2 * ox * m;
        for (let j = 0; j < m; j++, o++) {
          const i = window + j;
          const right = wins(x[i + m], x[i]);
          const bottomRight = wins(x[i + below + m], x[i + below]);
          const bottomWins = wins(x[i + below + bottomRight * m], x[i + right * m]);
          const k = right + bottomWins * (2 + bottomRight - right);
          y[o] = x[i + (k & 1) * m + (k >> 1) * below];
          corner[o] = k;
        }
      }
    }
}

/** δin = 0, then δin[each window's corner] = 0 + δ (so −0 becomes +0, as `+=` on zeros). */
function routeToCorners(
  delta: FloatArray,
  corner: Uint8Array,
  deltaIn: FloatArray,
  C: number,
  H: number,
  W: number,
  m: number,
): void {
  deltaIn.fill(0);
  const below = W * m;
  let o = 0;
  for (let c = 0; c < C; c++)
    for (let oy = 0; oy < H >> 1; oy++) {
      const top = (c * H + 2 * oy) * below;
      for (let ox = 0; ox < W >> 1; ox++) {
        const window = top + 2 * ox * m;
        for (let j = 0; j < m; j++, o++) {
          const k = corner[o];
          deltaIn[window + j + (k & 1) * m + (k >> 1) * below] = 0 + delta[o];
        }
      }
    }
}

function checkShapes(
  kind: string,
  image: ImageShape,
  big: Matrix,
  bigName: string,
  small: Matrix,
  smallName: string,
  corner: Uint8Array,
): void {
  const { channels: C, height: H, width: W } = image;
  if (!isSide(C) || !isSide(H) || !isSide(W)) {
    throw new RangeError(`${kind}: image ${C}×${H}×${W} must have positive integer sides`);
  }
  const rows = C * H * W;
  const pooledRows = C * (H >> 1) * (W >> 1);
  if (big.rows !== rows || small.rows !== pooledRows || small.cols !== big.cols) {
    throw new RangeError(
      `${kind}: a ${C}×${H}×${W} image pools (C·H·W) × m → (C·⌊H/2⌋·⌊W/2⌋) × m = ${rows}×m → ${pooledRows}×m, but ${bigName} is ${formatShape(big)} and ${smallName} is ${formatShape(small)}`,
    );
  }
  if (corner.length !== small.data.length) {
    throw new RangeError(
      `${kind}: corner holds ${corner.length} bytes but ${smallName} (${formatShape(small)}) has ${small.data.length} values; pass one byte per pooled value`,
    );
  }
}

function isSide(n: number): boolean {
  return Number.isInteger(n) && n >= 1;
}
