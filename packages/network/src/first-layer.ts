import {
  gemmSparseInto,
  gemmSparseTransposedInto,
  Matrix,
  SimdArena,
  type SparseColumns,
} from "@backprop/linalg";
import type { Network } from "./network";

/**
 * How the first layer's two big products are done when the inputs are sparse (images),
 * so that `backpropBatch` can skip the zeros:
 *   forward  z¹ = w¹x          (before the bias)
 *   BP4      ∂C/∂w¹ = δ¹xᵀ
 * `weights` and `gradient` are what the optimizer updates for layer 1. A strategy may keep
 * them in its own layout (input-major, for SIMD); `syncToNetwork` then copies the weights
 * into network.weights[0], and `loadFromNetwork` copies them back.
 */
export interface FirstLayer {
  readonly weights: Matrix;
  readonly gradient: Matrix;
  /** "sparse" (JS, w¹ as it is) or "simd" (WebAssembly, w¹ kept transposed). */
  readonly kind: "sparse" | "simd";
  setInput(x: SparseColumns): void;
  forward(z: Matrix): void;
  weightGradient(delta: Matrix): void;
  syncToNetwork(): void;
  loadFromNetwork(): void;
}

/** The kernels write through raw offsets: a wrong shape must stop here, not corrupt the arena. */
function checkShape(what: string, m: Matrix, rows: number, cols: number): void {
  if (m.rows !== rows || m.cols !== cols) {
    throw new RangeError(
      `first layer ${what} is ${m.rows}×${m.cols}, expected ${rows}×${cols} (hidden × batch)`,
    );
  }
}

/** Sparse products in JS on w¹ in its own layout: nothing to copy, nothing to sync. */
function sparseFirstLayer(network: Network): FirstLayer {
  const w = network.weights[0];
  const gradient = Matrix.zeros(w.rows, w.cols, w.dtype);
  let input: SparseColumns | undefined;
  return {
    kind: "sparse",
    weights: w,
    gradient,
    setInput(x) {
      input = x;
    },
    forward(z) {
      gemmSparseInto(z, w, input!);
    },
    weightGradient(delta) {
      gemmSparseTransposedInto(gradient, delta, input!);
    },
    syncToNetwork() {},
    loadFromNetwork() {},
  };
}

/**
 * Sparse products in WebAssembly SIMD: w¹ is kept input-major (wT, inputs × hidden) in an
 * arena, so each non-zero pixel is one contiguous axpy of `hidden` lanes (kernels.wat):
 * f64x2 for float64 networks, f32x4 for float32.
 */
function simdFirstLayer(network: Network, batchSize: number, arena: SimdArena): FirstLayer {
  const hidden = network.sizes[1];
  const inputs = network.sizes[0];
  const dtype = network.dtype;
  const wT = arena.floats(inputs * hidden, dtype);
  const gT = arena.floats(inputs * hidden, dtype);
  const z = arena.floats(hidden * batchSize, dtype);
  const delta = arena.floats(hidden * batchSize, dtype);
  const tmp = arena.floats(hidden, dtype);
  const sparse = {
    colStart: arena.i32(batchSize + 1),
    rowIndex: arena.i32(inputs * batchSize),
    values: arena.floats(inputs * batchSize, dtype),
  };
  let m = 0;
  const w = network.weights[0];
  const layer: FirstLayer = {
    kind: "simd",
    weights: new Matrix(inputs, hidden, wT),
    gradient: new Matrix(inputs, hidden, gT),
    setInput(x) {
      if (x.rows !== inputs || x.cols > batchSize) {
        throw new RangeError(
          `first layer: the sparse batch is ${x.rows}×${x.cols}, but this layer takes ${inputs} inputs and at most ${batchSize} samples per batch`,
        );
      }
      m = x.cols;
      const count = x.colStart[m];
      sparse.colStart.set(x.colStart.subarray(0, m + 1));
      sparse.rowIndex.set(x.rowIndex.subarray(0, count));
      sparse.values.set(x.values.subarray(0, count));
    },
    forward(out) {
      checkShape("forward: z", out, hidden, m);
      arena.sparseForward(wT, hidden, sparse, m, z, tmp);
      out.data.set(z.subarray(0, hidden * m));
    },
    weightGradient(d) {
      checkShape("weightGradient: δ", d, hidden, m);
      delta.set(d.data);
      arena.sparseGradient(gT, hidden, inputs, sparse, m, delta, tmp);
    },
    syncToNetwork() {
      for (let k = 0; k < inputs; k++)
        for (let i = 0; i < hidden; i++) w.data[i * inputs + k] = wT[k * hidden + i];
    },
    loadFromNetwork() {
      for (let k = 0; k < inputs; k++)
        for (let i = 0; i < hidden; i++) wT[k * hidden + i] = w.data[i * inputs + k];
    },
  };
  layer.loadFromNetwork();
  return layer;
}

/**
 * The fastest first layer this platform offers for sparse inputs of `batchSize` columns:
 * WebAssembly SIMD where available, else sparse JS. `prefer: "sparse"` forces the JS
 * strategy (for tests and comparisons).
 */
export function createFirstLayer(
  network: Network,
  batchSize: number,
  prefer?: "sparse" | "simd",
): FirstLayer {
  if (prefer !== "sparse") {
    const [inputs, hidden] = network.sizes;
    const bytesPerValue = network.dtype === "float32" ? 4 : 8;
    const values = 2 * inputs * hidden + 2 * hidden * batchSize + hidden + inputs * batchSize;
    const arena = SimdArena.create(
      values * bytesPerValue + 4 * (inputs * batchSize + batchSize + 1) + 1024,
    );
    if (arena) return simdFirstLayer(network, batchSize, arena);
  }
  return sparseFirstLayer(network);
}
