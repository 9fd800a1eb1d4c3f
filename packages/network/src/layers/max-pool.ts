import {
  type FloatArray,
  type Matrix,
  maxPool2x2BackwardInto,
  maxPool2x2Into,
} from "@backprop/linalg";
import { assertDeltaShape, assertRows, memo, reuse, shapeSize } from "./layer";
import { type PoolLayer, type PoolOptions, poolGeometry } from "./pool-geometry";

/**
 * Max pooling, each channel alone: out[c, oy, ox] = max over the window
 * x[c, oy·s + dy, ox·s + dx], dy, dx in 0…size−1. Input (C·H·W) × m, output (C·H′·W′) × m.
 *
 * The forward pass remembers where each maximum was (the first, in row-major window order,
 * on ties, as PyTorch; NaN wins, as PyTorch propagates it). The max passes its input through
 * unchanged there and ignores the others, so backward routes each δ to that one input:
 *   ∂C/∂x[argmax] += ∂C/∂out,  0 elsewhere  (overlapping windows add).
 * No parameters. 2×2 windows with stride 2 (network3's, the common case) run in linalg's
 * maxPool2x2Into / maxPool2x2BackwardInto, which never branch on the values (random
 * winners cost a mispredicted branch each) and give the bits of the loops below; other
 * sizes and strides run these plain loops, whose innermost loop runs over the batch's m
 * samples, which sit side by side in a row.
 */
export function maxPool(options: PoolOptions): PoolLayer {
  const g = poolGeometry("maxPool", options);
  const { channels: C, height: H, width: W } = g.input;
  const { height: OH, width: OW } = g.output;
  const { size, stride } = g;
  const outRows = C * OH * OW;

  /** Any window: out[o, j] = the first largest (or first NaN) of its size² inputs. */
  const maxOfWindows = (x: FloatArray, y: FloatArray, where: Int32Array, m: number) => {
    for (let c = 0; c < C; c++)
      for (let oy = 0; oy < OH; oy++)
        for (let ox = 0; ox < OW; ox++) {
          const o = (c * OH * OW + oy * OW + ox) * m;
          const first = c * H * W + oy * stride * W + ox * stride; // the window's top left
          for (let j = 0; j < m; j++) {
            y[o + j] = x[first * m + j];
            where[o + j] = first;
          }
          for (let dy = 0; dy < size; dy++)
            for (let dx = dy === 0 ? 1 : 0; dx < size; dx++) {
              const row = first + dy * W + dx;
              const from = row * m;
              for (let j = 0; j < m; j++) {
                const v = x[from + j];
                if (wins(v, y[o + j])) {
                  y[o + j] = v;
                  where[o + j] = row;
                }
              }
            }
        }
  };

  /**
   * 2×2 windows with another stride, the same comparisons in the same order unrolled:
   * 2.7× faster than maxOfWindows here (its inner loops are too short for V8 at m = 10).
   */
  const maxOfPairs = (x: FloatArray, y: FloatArray, where: Int32Array, m: number) => {
    for (let c = 0; c < C; c++)
      for (let oy = 0; oy < OH; oy++)
        for (let ox = 0; ox < OW; ox++) {
          const o = (c * OH * OW + oy * OW + ox) * m;
          const r0 = c * H * W + oy * stride * W + ox * stride; // top left, top right, …
          const r1 = r0 + 1;
          const r2 = r0 + W;
          const r3 = r2 + 1;
          for (let j = 0; j < m; j++) {
            let max = x[r0 * m + j];
            let best = r0;
            let v = x[r1 * m + j];
            if (wins(v, max)) {
              max = v;
              best = r1;
            }
            v = x[r2 * m + j];
            if (wins(v, max)) {
              max = v;
              best = r2;
            }
            v = x[r3 * m + j];
            if (wins(v, max)) {
              max = v;
              best = r3;
            }
            y[o + j] = max;
            where[o + j] = best;
          }
        }
  };

  // The memo: 2×2 stride 2 keeps each window's winning corner (0…3, a byte), other
  // windows the input row of each output element; both (C·H′·W′) × m.
  const twoByTwo = size === 2 && stride === 2;
  let corner: Uint8Array | null = null;
  let argmax: Int32Array | null = null;
  let out: Matrix | null = null;
  let deltaIn: Matrix | null = null;
  let m = 0;
  return {
    kind: "maxPool",
    inputShape: g.input,
    outputShape: g.output,
    geometry: g,
    parameters: [],
    gradients: [],
    forward(input: Matrix): Matrix {
      assertRows("maxPool: the input", input, g.input);
      m = input.cols;
      out = reuse(out, outRows, m, input.dtype);
      if (twoByTwo) {
        if (corner?.length !== outRows * m) corner = new Uint8Array(outRows * m);
        maxPool2x2Into(input, g.input, out, corner);
        return out;
      }
      if (argmax?.length !== outRows * m) argmax = new Int32Array(outRows * m);
      if (size === 2) maxOfPairs(input.data, out.data, argmax, m);
      else maxOfWindows(input.data, out.data, argmax, m);
      return out;
    },
    backward(deltaOut: Matrix): Matrix {
      const where = memo("maxPool", twoByTwo ? corner : argmax);
      assertDeltaShape("maxPool", deltaOut, outRows, m);
      deltaIn = reuse(deltaIn, shapeSize(g.input), m, deltaOut.dtype);
      if (where instanceof Uint8Array) {
        maxPool2x2BackwardInto(deltaOut, where, g.input, deltaIn);
        return deltaIn;
      }
      const d = deltaIn.data;
      d.fill(0);
      for (let o = 0; o < outRows; o++)
        for (let j = 0; j < m; j++) d[where[o * m + j] * m + j] += deltaOut.data[o * m + j];
      return deltaIn;
    },
  };
}

/** Whether v replaces the maximum so far: larger, or the first NaN (PyTorch propagates NaN). */
function wins(v: number, max: number): boolean {
  return v > max || (Number.isNaN(v) && !Number.isNaN(max));
}
