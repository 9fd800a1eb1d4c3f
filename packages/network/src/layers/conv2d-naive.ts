import { Matrix } from "@backprop/linalg";
import type { ConvGeometry } from "./conv-geometry";

/**
 * The convolution written as plain loops, to be read: the reference the im2col path
 * (conv2d.ts) is tested against. Index names: sample j, filter f, input channel c, kernel
 * offsets ky, kx, output position (oy, ox), input position (iy, ix); k the kernel size,
 * s the stride. Batches are (rows × m), one sample per column, row = c·H·W + y·W + x;
 * weights are F × (C·k·k), column c·k·k + ky·k + kx (PyTorch's OIHW flattened).
 */

/** Value at (row, sample) of a batch matrix. */
const at = (m: Matrix, row: number, j: number) => m.data[row * m.cols + j];

/**
 * Forward: z[f, oy, ox] = b[f] + Σ_c Σ_ky Σ_kx w[f, c, ky, kx] · x[c, oy·s + ky − padTop, ox·s + kx − padLeft]
 * (a cross-correlation, as in PyTorch and network3; x outside the image is 0).
 */
export function conv2dForwardNaive(
  g: ConvGeometry,
  x: Matrix,
  weights: Matrix,
  biases: Matrix,
): Matrix {
  const { channels: C, height: H, width: W } = g.input;
  const { channels: F, height: OH, width: OW } = g.output;
  const { kernelSize: k, stride: s } = g;
  const m = x.cols;
  const z = Matrix.zeros(F * OH * OW, m);
  for (let j = 0; j < m; j++)
    for (let f = 0; f < F; f++)
      for (let oy = 0; oy < OH; oy++)
        for (let ox = 0; ox < OW; ox++) {
          let sum = biases.data[f];
          for (let c = 0; c < C; c++)
            for (let ky = 0; ky < k; ky++)
              for (let kx = 0; kx < k; kx++) {
                const iy = oy * s + ky - g.padTop;
                const ix = ox * s + kx - g.padLeft;
                if (iy < 0 || iy >= H || ix < 0 || ix >= W) continue;
                sum += at(weights, f, c * k * k + ky * k + kx) * at(x, c * H * W + iy * W + ix, j);
              }
          z.data[(f * OH * OW + oy * OW + ox) * m + j] = sum;
        }
  return z;
}

/** What the backward pass of a convolution gives, summed over the batch's samples. */
export interface ConvGradients {
  /** ∂C/∂x, (C·H·W) × m: handed to the layer below (BP2). */
  deltaInput: Matrix;
  /** ∂C/∂w, F × (C·k·k) (BP4). */
  nablaW: Matrix;
  /** ∂C/∂b, F × 1 (BP3). */
  nablaB: Matrix;
}

/**
 * Backward, from δ = ∂C/∂z, (F·H′·W′) × m:
 *   BP3  ∂C/∂b[f] = Σ_j Σ_oy Σ_ox δ[f, oy, ox]
 *   BP4  ∂C/∂w[f, c, ky, kx] = Σ_j Σ_oy Σ_ox δ[f, oy, ox] · x[c, oy·s + ky − padTop, ox·s + kx − padLeft]
 *        (the correlation of the input with δ)
 *   BP2  ∂C/∂x[c, iy, ix] = Σ_f Σ_ky Σ_kx w[f, c, ky, kx] · δ[f, oy, ox]
 *        over the (oy, ox) with oy·s = iy + padTop − ky, ox·s = ix + padLeft − kx:
 *        for stride 1, δ padded by k − 1 and correlated with the kernels turned by 180°
 *        (the "full correlation with the flipped kernels"); for stride s, the same on δ
 *        with s − 1 zeros between its entries.
 */
export function conv2dBackwardNaive(
  g: ConvGeometry,
  x: Matrix,
  weights: Matrix,
  delta: Matrix,
): ConvGradients {
  const { channels: C, height: H, width: W } = g.input;
  const { channels: F, height: OH, width: OW } = g.output;
  const { kernelSize: k, stride: s } = g;
  const m = x.cols;
  const nablaB = Matrix.zeros(F, 1);
  const nablaW = Matrix.zeros(F, C * k * k);
  const deltaInput = Matrix.zeros(C * H * W, m);
  const d = (f: number, oy: number, ox: number, j: number) =>
    at(delta, f * OH * OW + oy * OW + ox, j);
  for (let f = 0; f < F; f++) {
    let sum = 0;
    for (let j = 0; j < m; j++)
      for (let oy = 0; oy < OH; oy++) for (let ox = 0; ox < OW; ox++) sum += d(f, oy, ox, j);
    nablaB.data[f] = sum;
  }
  for (let f = 0; f < F; f++)
    for (let c = 0; c < C; c++)
      for (let ky = 0; ky < k; ky++)
        for (let kx = 0; kx < k; kx++) {
          let sum = 0;
          for (let j = 0; j < m; j++)
            for (let oy = 0; oy < OH; oy++)
              for (let ox = 0; ox < OW; ox++) {
                const iy = oy * s + ky - g.padTop;
                const ix = ox * s + kx - g.padLeft;
                if (iy < 0 || iy >= H || ix < 0 || ix >= W) continue;
                sum += d(f, oy, ox, j) * at(x, c * H * W + iy * W + ix, j);
              }
          nablaW.data[f * C * k * k + c * k * k + ky * k + kx] = sum;
        }
  for (let j = 0; j < m; j++)
    for (let c = 0; c < C; c++)
      for (let iy = 0; iy < H; iy++)
        for (let ix = 0; ix < W; ix++) {
          let sum = 0;
          for (let f = 0; f < F; f++)
            for (let ky = 0; ky < k; ky++)
              for (let kx = 0; kx < k; kx++) {
                const ty = iy + g.padTop - ky; // = oy·s when (iy, ix) is under kernel offset (ky, kx)
                const tx = ix + g.padLeft - kx;
                if (ty < 0 || tx < 0 || ty % s !== 0 || tx % s !== 0) continue;
                const oy = ty / s;
                const ox = tx / s;
                if (oy >= OH || ox >= OW) continue;
                sum += at(weights, f, c * k * k + ky * k + kx) * d(f, oy, ox, j);
              }
          deltaInput.data[(c * H * W + iy * W + ix) * m + j] = sum;
        }
  return { deltaInput, nablaW, nablaB };
}
