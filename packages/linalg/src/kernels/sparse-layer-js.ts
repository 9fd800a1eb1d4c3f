import type { ByteColumns } from "../byte-columns";
import { gemmSparseInto, gemmSparseTransposedInto } from "../gemm-sparse";
import { Matrix } from "../matrix";
import { SparseColumns } from "../sparse-columns";
import { matrixBlock } from "./parameter-block";
import type { SparseLayer } from "./sparse-layer";

/**
 * The reference sparse first layer: the JS sparse products on w¹ as the model holds it,
 * so there is nothing to copy or sync.
 */
export function jsSparseLayer(w: Matrix, batchSize: number): SparseLayer {
  const gradient = Matrix.zeros(w.rows, w.cols, w.dtype);
  /** Byte batches widened to values v / 255, one buffer per batch width (full and last). */
  const widened = new Map<number, SparseColumns>();
  let input: SparseColumns | undefined;
  const layer: SparseLayer = {
    block: matrixBlock(w, gradient),
    kernels: "js",
    threads: 1,
    get batchColumns() {
      return input?.cols ?? 0;
    },
    setInput(x) {
      checkBatch(x, w.cols, batchSize);
      input = x;
    },
    setInputBytes(x) {
      checkBatch(x, w.cols, batchSize);
      let s = widened.get(x.cols);
      if (!s) {
        const values = w.dtype === "float32" ? new Float32Array(x.rows * x.cols) : undefined;
        s = new SparseColumns(x.rows, x.cols, x.rows * x.cols, values);
        widened.set(x.cols, s);
      }
      widen(x, s);
      input = s;
    },
    forward(z) {
      gemmSparseInto(z, w, requireInput(input));
    },
    weightGradient(delta) {
      gemmSparseTransposedInto(gradient, delta, requireInput(input));
    },
    syncWeights() {},
    loadWeights() {},
    close() {},
  };
  return layer;
}

/** s ← x with values v / 255 (the division rounds once, in s's precision, as datasets do). */
function widen(x: ByteColumns, s: SparseColumns): void {
  const count = x.colStart[x.cols];
  s.colStart.set(x.colStart);
  for (let t = 0; t < count; t++) {
    s.rowIndex[t] = x.rowIndex[t];
    s.values[t] = x.values[t] / 255;
  }
}

function requireInput(input: SparseColumns | undefined): SparseColumns {
  if (!input) throw new Error("sparse first layer: call setInput before forward");
  return input;
}

/** A batch that does not fit the layer must stop here (the SIMD kernels write by offset). */
export function checkBatch(x: { rows: number; cols: number }, inputs: number, batchSize: number) {
  if (x.rows !== inputs || x.cols > batchSize) {
    throw new RangeError(
      `first layer: the sparse batch is ${x.rows}×${x.cols}, but this layer takes ${inputs} inputs and at most ${batchSize} samples per batch`,
    );
  }
}
