import type { Shape3 } from "@backprop/network";

/**
 * Moving weights between our layouts and TensorFlow.js's (everything row-major):
 *
 *   dense kernel   ours w[j][i] (outputs × inputs)     TF.js K[i][j] (inputs × outputs)
 *   conv kernel    ours w[f][c·k·k + ky·k + kx]        TF.js K[ky][kx][c][f] (k × k × in × out)
 *   flattened maps ours c·H·W + y·W + x (channel-major, NCHW), TF.js (y·W + x)·C + c (NHWC)
 *
 * So the first dense layer after a Flatten of C × H × W maps reads its inputs in another
 * order: row (y·W + x)·C + c of TF.js's kernel is column c·H·W + y·W + x of ours.
 */

/** K (inputs × outputs) from our w (outputs × inputs); `order` maps a TF.js input to ours. */
export function denseKernelOut(
  w: ArrayLike<number>,
  inputs: number,
  outputs: number,
  order: Int32Array | null,
): Float32Array {
  const k = new Float32Array(inputs * outputs);
  for (let i = 0; i < inputs; i++) {
    const ours = order ? order[i] : i;
    for (let j = 0; j < outputs; j++) k[i * outputs + j] = w[j * inputs + ours];
  }
  return k;
}

/** Our w (outputs × inputs) from K (inputs × outputs); the inverse of denseKernelOut. */
export function denseKernelIn(
  k: ArrayLike<number>,
  inputs: number,
  outputs: number,
  order: Int32Array | null,
): number[] {
  const w = new Array<number>(inputs * outputs);
  for (let i = 0; i < inputs; i++) {
    const ours = order ? order[i] : i;
    for (let j = 0; j < outputs; j++) w[j * inputs + ours] = k[i * outputs + j];
  }
  return w;
}

/** K (k × k × C × F) from our w (F × C·k·k). */
export function convKernelOut(w: ArrayLike<number>, F: number, C: number, k: number): Float32Array {
  const out = new Float32Array(F * C * k * k);
  for (let f = 0; f < F; f++)
    for (let c = 0; c < C; c++)
      for (let ky = 0; ky < k; ky++)
        for (let kx = 0; kx < k; kx++)
          out[((ky * k + kx) * C + c) * F + f] = w[f * C * k * k + c * k * k + ky * k + kx];
  return out;
}

/** Our w (F × C·k·k) from K (k × k × C × F); the inverse of convKernelOut. */
export function convKernelIn(K: ArrayLike<number>, F: number, C: number, k: number): number[] {
  const w = new Array<number>(F * C * k * k);
  for (let f = 0; f < F; f++)
    for (let c = 0; c < C; c++)
      for (let ky = 0; ky < k; ky++)
        for (let kx = 0; kx < k; kx++)
          w[f * C * k * k + c * k * k + ky * k + kx] = K[((ky * k + kx) * C + c) * F + f];
  return w;
}

/** For each TF.js (HWC) flat index of a C × H × W map, our (CHW) index. */
export function hwcToChw(shape: Shape3): Int32Array {
  const { channels: C, height: H, width: W } = shape;
  const order = new Int32Array(C * H * W);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++)
      for (let c = 0; c < C; c++) order[(y * W + x) * C + c] = c * H * W + y * W + x;
  return order;
}
