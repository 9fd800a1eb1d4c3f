import type { Matrix } from "@backprop/linalg";
import { assertDeltaShape, assertRows, memo, reuse, shapeSize } from "./layer";
import { type PoolLayer, type PoolOptions, poolGeometry } from "./pool-geometry";

/**
 * Average pooling, each channel alone: out[c, oy, ox] = (1/size²) Σ over the window
 * x[c, oy·s + dy, ox·s + dx]. Input (C·H·W) × m, output (C·H′·W′) × m.
 * Each input in a window counts 1/size², so backward spreads δ evenly:
 *   ∂C/∂x[c, oy·s + dy, ox·s + dx] += ∂C/∂out[c, oy, ox] / size²  (overlapping windows add).
 * No parameters; plain loops are the implementation.
 */
export function avgPool(options: PoolOptions): PoolLayer {
  const g = poolGeometry("avgPool", options);
  const { channels: C, height: H, width: W } = g.input;
  const { height: OH, width: OW } = g.output;
  const { size, stride } = g;
  const area = size * size;
  let m: number | null = null;
  let out: Matrix | null = null;
  let deltaIn: Matrix | null = null;
  /** Calls visit(output row, input row) for every input of every window. */
  const eachWindowInput = (visit: (outRow: number, inRow: number) => void) => {
    for (let c = 0; c < C; c++)
      for (let oy = 0; oy < OH; oy++)
        for (let ox = 0; ox < OW; ox++)
          for (let dy = 0; dy < size; dy++)
            for (let dx = 0; dx < size; dx++) {
              visit(
                c * OH * OW + oy * OW + ox,
                c * H * W + (oy * stride + dy) * W + ox * stride + dx,
              );
            }
  };
  return {
    kind: "avgPool",
    inputShape: g.input,
    outputShape: g.output,
    geometry: g,
    parameters: [],
    gradients: [],
    forward(input: Matrix): Matrix {
      assertRows("avgPool: the input", input, g.input);
      const n = input.cols;
      m = n;
      const y = reuse(out, C * OH * OW, n, input.dtype);
      out = y;
      y.data.fill(0);
      eachWindowInput((o, i) => {
        for (let j = 0; j < n; j++) y.data[o * n + j] += input.data[i * n + j];
      });
      for (let i = 0; i < y.data.length; i++) y.data[i] /= area;
      return y;
    },
    backward(deltaOut: Matrix): Matrix {
      const n = memo("avgPool", m);
      assertDeltaShape("avgPool", deltaOut, C * OH * OW, n);
      const d = reuse(deltaIn, shapeSize(g.input), n, deltaOut.dtype);
      deltaIn = d;
      d.data.fill(0);
      eachWindowInput((o, i) => {
        for (let j = 0; j < n; j++) d.data[i * n + j] += deltaOut.data[o * n + j] / area;
      });
      return d;
    },
  };
}
