import { Matrix } from "@backprop/linalg";
import { assertDeltaShape, assertRows, memo, shapeSize } from "./layer";
import { type PoolLayer, type PoolOptions, poolGeometry } from "./pool-geometry";

/**
 * Max pooling, each channel alone: out[c, oy, ox] = max over the window
 * x[c, oy·s + dy, ox·s + dx], dy, dx in 0…size−1. Input (C·H·W) × m, output (C·H′·W′) × m.
 *
 * The forward pass remembers where each maximum was (the first, in row-major window order,
 * on ties, as PyTorch; NaN wins, as PyTorch propagates it). The max passes its input through
 * unchanged there and ignores the others, so backward routes each δ to that one input:
 *   ∂C/∂x[argmax] += ∂C/∂out,  0 elsewhere  (overlapping windows add).
 * No parameters. Plain loops: this is the implementation, not just the reference.
 */
export function maxPool(options: PoolOptions): PoolLayer {
  const g = poolGeometry("maxPool", options);
  const { channels: C, height: H, width: W } = g.input;
  const { height: OH, width: OW } = g.output;
  const { size, stride } = g;
  let argmax: Int32Array | null = null; // input row of each output element, (C·H′·W′) × m
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
      const out = Matrix.zeros(C * OH * OW, m);
      const where = new Int32Array(out.data.length);
      const x = input.data;
      for (let c = 0; c < C; c++)
        for (let oy = 0; oy < OH; oy++)
          for (let ox = 0; ox < OW; ox++) {
            const o = (c * OH * OW + oy * OW + ox) * m;
            for (let j = 0; j < m; j++) {
              let best = -1;
              let max = Number.NEGATIVE_INFINITY;
              for (let dy = 0; dy < size; dy++)
                for (let dx = 0; dx < size; dx++) {
                  const row = c * H * W + (oy * stride + dy) * W + ox * stride + dx;
                  const v = x[row * m + j];
                  if (best < 0 || v > max || (Number.isNaN(v) && !Number.isNaN(max))) {
                    best = row;
                    max = v;
                  }
                }
              out.data[o + j] = max;
              where[o + j] = best;
            }
          }
      argmax = where;
      return out;
    },
    backward(deltaOut: Matrix): Matrix {
      const where = memo("maxPool", argmax);
      assertDeltaShape("maxPool", deltaOut, C * OH * OW, m);
      const deltaIn = Matrix.zeros(shapeSize(g.input), m);
      for (let o = 0; o < where.length; o++) {
        deltaIn.data[where[o] * m + (o % m)] += deltaOut.data[o];
      }
      return deltaIn;
    },
  };
}
