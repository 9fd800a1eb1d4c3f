import type { Matrix } from "@backprop/linalg";
import type { ConvGeometry } from "./conv-geometry";

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
 * (F·P) × m layout: no reshuffle after the product.
 */
export function im2colInto(cols: Matrix, g: ConvGeometry, x: Matrix): Matrix {
  const { channels: C, height: H, width: W } = g.input;
  const { height: OH, width: OW } = g.output;
  const { kernelSize: k, stride: s } = g;
  const m = x.cols;
  const src = x.data;
  const dst = cols.data;
  let o = 0;
  for (let c = 0; c < C; c++)
    for (let ky = 0; ky < k; ky++)
      for (let kx = 0; kx < k; kx++)
        for (let oy = 0; oy < OH; oy++) {
          const iy = oy * s + ky - g.padTop;
          for (let ox = 0; ox < OW; ox++, o += m) {
            const ix = ox * s + kx - g.padLeft;
            if (iy < 0 || iy >= H || ix < 0 || ix >= W) {
              dst.fill(0, o, o + m);
              continue;
            }
            const from = (c * H * W + iy * W + ix) * m;
            for (let j = 0; j < m; j++) dst[o + j] = src[from + j];
          }
        }
  return cols;
}

/**
 * col2im, im2col's adjoint: adds every entry of dcols = ∂C/∂cols back onto the input pixel
 * it was copied from, so out = ∂C/∂x ((C·H·W) × m; overwritten). A pixel under several
 * patches collects the sum of their gradients.
 */
export function col2imInto(out: Matrix, g: ConvGeometry, dcols: Matrix): Matrix {
  const { channels: C, height: H, width: W } = g.input;
  const { height: OH, width: OW } = g.output;
  const { kernelSize: k, stride: s } = g;
  const m = out.cols;
  const src = dcols.data;
  const dst = out.data;
  dst.fill(0);
  let o = 0;
  for (let c = 0; c < C; c++)
    for (let ky = 0; ky < k; ky++)
      for (let kx = 0; kx < k; kx++)
        for (let oy = 0; oy < OH; oy++) {
          const iy = oy * s + ky - g.padTop;
          for (let ox = 0; ox < OW; ox++, o += m) {
            const ix = ox * s + kx - g.padLeft;
            if (iy < 0 || iy >= H || ix < 0 || ix >= W) continue;
            const to = (c * H * W + iy * W + ix) * m;
            for (let j = 0; j < m; j++) dst[to + j] += src[o + j];
          }
        }
  return out;
}
