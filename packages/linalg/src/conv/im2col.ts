import type { Matrix } from "../matrix";
import type { ConvShape } from "./conv-shape";

/**
 * im2col: unrolls every k×k patch the kernels see into one column, so the convolution of
 * a whole batch becomes one matrix product.
 *
 *   x     (C·H·W) × m             one sample per column
 *   cols  (C·k·k) × (P·m)         P = H′·W′; row r = c·k·k + ky·k + kx (a weight's column),
 *                                 column p·m + j = output position p = oy·W′ + ox of sample j
 *
 * cols[r, p·m + j] = x[c, oy·s + ky − padTop, ox·s + kx − padLeft] of sample j (0 outside).
 * With the samples fastest, w·cols, an F × (P·m) matrix, has exactly the data of z in our
 * (F·P) × m layout: no reshuffle after the product. With stride 1 one output row's
 * positions read one contiguous run of x, so each (c, ky, kx, oy) is one block copy.
 */
export function im2colInto(cols: Matrix, g: ConvShape, x: Matrix): Matrix {
  const { channels: C, height: H, width: W } = g.input;
  const { height: OH, width: OW } = g.output;
  const { kernelSize: k, stride: s } = g;
  const m = x.cols;
  const src = x.data;
  const dst = cols.data;
  const rowLength = OW * m;
  let o = 0;
  for (let c = 0; c < C; c++)
    for (let ky = 0; ky < k; ky++)
      for (let kx = 0; kx < k; kx++) {
        const [lo, hi] = insideColumns(g, kx);
        for (let oy = 0; oy < OH; oy++, o += rowLength) {
          const iy = oy * s + ky - g.padTop;
          if (iy < 0 || iy >= H || lo >= hi) {
            dst.fill(0, o, o + rowLength);
            continue;
          }
          if (lo > 0) dst.fill(0, o, o + lo * m); // left padding
          if (hi < OW) dst.fill(0, o + hi * m, o + rowLength); // right padding
          const base = (c * H + iy) * W + kx - g.padLeft; // input column of ox = 0, stride 1
          if (s === 1) {
            const from = (base + lo) * m;
            dst.set(src.subarray(from, from + (hi - lo) * m), o + lo * m); // a memcpy
          } else {
            for (let ox = lo; ox < hi; ox++) {
              const from = (base + ox * s) * m;
              const to = o + ox * m;
              for (let j = 0; j < m; j++) dst[to + j] = src[from + j];
            }
          }
        }
      }
  return cols;
}

/**
 * col2im, im2col's adjoint: adds every entry of dcols = ∂C/∂cols back onto the input pixel
 * it was copied from, so out = ∂C/∂x ((C·H·W) × m; overwritten). A pixel under several
 * patches collects the sum of their gradients.
 */
export function col2imInto(out: Matrix, g: ConvShape, dcols: Matrix): Matrix {
  const { channels: C, height: H, width: W } = g.input;
  const { height: OH, width: OW } = g.output;
  const { kernelSize: k, stride: s } = g;
  const m = out.cols;
  const src = dcols.data;
  const dst = out.data;
  const rowLength = OW * m;
  dst.fill(0);
  let o = 0;
  for (let c = 0; c < C; c++)
    for (let ky = 0; ky < k; ky++)
      for (let kx = 0; kx < k; kx++) {
        const [lo, hi] = insideColumns(g, kx);
        for (let oy = 0; oy < OH; oy++, o += rowLength) {
          const iy = oy * s + ky - g.padTop;
          if (iy < 0 || iy >= H) continue;
          const base = (c * H + iy) * W + kx - g.padLeft;
          if (s === 1) {
            const to = (base + lo) * m;
            const from = o + lo * m;
            const n = (hi - lo) * m;
            for (let i = 0; i < n; i++) dst[to + i] += src[from + i];
          } else {
            for (let ox = lo; ox < hi; ox++) {
              const to = (base + ox * s) * m;
              const from = o + ox * m;
              for (let j = 0; j < m; j++) dst[to + j] += src[from + j];
            }
          }
        }
      }
  return out;
}

/**
 * The output columns [lo, hi) whose input column ix = ox·s + kx − padLeft lies inside
 * 0…W−1; the others read padding.
 */
function insideColumns(g: ConvShape, kx: number): [number, number] {
  const s = g.stride;
  const shift = kx - g.padLeft;
  const lo = shift >= 0 ? 0 : Math.ceil(-shift / s);
  const hi = Math.min(g.output.width, Math.floor((g.input.width - 1 - shift) / s) + 1);
  return [lo, Math.max(lo, hi)];
}
