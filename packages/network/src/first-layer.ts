import {
  type ByteColumns,
  gemmSparseInto,
  gemmSparseTransposedInto,
  Matrix,
  panelIndex,
  panelsFor,
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
  /** Threads its kernels run on (2 only for "simd" with a kernel thread; see createFirstLayer). */
  readonly threads: 1 | 2;
  setInput(x: SparseColumns): void;
  /**
   * The same from a batch of byte images as stored (u16 indices, u8 values, input v / 255),
   * where the strategy can widen them itself (the SIMD one); absent otherwise.
   */
  setInputBytes?(x: ByteColumns): void;
  forward(z: Matrix): void;
  weightGradient(delta: Matrix): void;
  syncToNetwork(): void;
  loadFromNetwork(): void;
  /** Stops its kernel thread, if any (it then goes on with one). Call when training ends. */
  dispose(): void;
}

export interface FirstLayerOptions {
  /** "sparse" forces the JS strategy (for tests and comparisons); default: the fastest. */
  prefer?: "sparse" | "simd";
  /**
   * 2 splits the SIMD kernels between two cores (Node ≥ 20.16; one thread elsewhere), with
   * bit-identical results. Default 1.
   */
  threads?: 1 | 2 | "auto";
}

/** The kernels write through raw offsets: a wrong shape must stop here, not corrupt the arena. */
function checkShape(what: string, m: Matrix, rows: number, cols: number): void {
  if (m.rows !== rows || m.cols !== cols) {
    throw new RangeError(
      `first layer ${what} is ${m.rows}×${m.cols}, expected ${rows}×${cols} (hidden × batch)`,
    );
  }
}

/** The arena's arrays hold `batchSize` columns of `inputs` rows: a larger batch must stop here. */
function checkBatch(x: { rows: number; cols: number }, inputs: number, batchSize: number): void {
  if (x.rows !== inputs || x.cols > batchSize) {
    throw new RangeError(
      `first layer: the sparse batch is ${x.rows}×${x.cols}, but this layer takes ${inputs} inputs and at most ${batchSize} samples per batch`,
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
    threads: 1,
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
    dispose() {},
  };
}

/**
 * Sparse products in WebAssembly SIMD: w¹ is kept input-major (wT, inputs × hidden) in an
 * arena, so each non-zero pixel is one contiguous axpy of `hidden` lanes (kernels.wat):
 * f64x2 for float64 networks, f32x4 for float32. wT is stored as column panels (see
 * Panels), one per thread when two share the work.
 *
 * A batch of 10 images inks only about half of the 784 pixels, and ∂C/∂w¹ is zero in the
 * rows of the others. So the gradient is never cleared whole: SGD updates only the rows
 * the batch wrote (the arena is told which, setNonZeroRows), which is exact since
 * w − rate·0 = w, and zeroes them as it goes; after any other optimizer those rows are
 * cleared before the next batch.
 */
function simdFirstLayer(network: Network, batchSize: number, arena: SimdArena): FirstLayer {
  const hidden = network.sizes[1];
  const inputs = network.sizes[0];
  const dtype = network.dtype;
  const panels = panelsFor(inputs, hidden, dtype === "float32" ? 4 : 8);
  const wT = arena.floats(panels.length, dtype);
  const gT = arena.floats(panels.length, dtype);
  // z and δ (neurons × m) and tmp with room for the panels' padding neurons (rows ≥ hidden)
  const z = arena.floats(panels.padded * batchSize, dtype);
  const delta = arena.floats(panels.padded * batchSize, dtype);
  const tmp = arena.floats(panels.padded, dtype);
  const sparse = {
    colStart: arena.i32(batchSize + 1),
    rowIndex: arena.i32(inputs * batchSize),
    values: arena.floats(inputs * batchSize, dtype),
  };
  // A byte batch as stored, and v / 255 in this precision: setInputBytes widens into sparse.
  const rows16 = arena.u16(inputs * batchSize);
  const bytes = arena.u8(inputs * batchSize);
  const unit = arena.floats(256, dtype);
  for (let v = 0; v < 256; v++) unit[v] = v / 255;
  /** The rows of gT this batch writes (its inked pixels), rows[0 … rowCount). */
  const rows = arena.i32(inputs);
  const inked = arena.u8(inputs);
  let rowCount = 0;
  let m = 0;
  const w = network.weights[0];
  const layer: FirstLayer = {
    kind: "simd",
    get threads() {
      return arena.threads; // 1 again if the kernel thread has stopped
    },
    // The optimizer sees w¹ and ∂C/∂w¹ as flat arrays in this layout (padding stays 0).
    weights: new Matrix(panels.length / panels.stride, panels.stride, wT),
    gradient: new Matrix(panels.length / panels.stride, panels.stride, gT),
    setInput(x) {
      checkBatch(x, inputs, batchSize);
      m = x.cols;
      const count = x.colStart[m];
      sparse.colStart.set(x.colStart.subarray(0, m + 1));
      sparse.rowIndex.set(x.rowIndex.subarray(0, count));
      sparse.values.set(x.values.subarray(0, count));
    },
    setInputBytes(x) {
      checkBatch(x, inputs, batchSize);
      m = x.cols;
      const count = x.colStart[m];
      sparse.colStart.set(x.colStart.subarray(0, m + 1));
      rows16.set(x.rowIndex.subarray(0, count));
      bytes.set(x.values.subarray(0, count));
      arena.expandBytes(sparse, rows16, bytes, count, unit);
    },
    forward(out) {
      checkShape("forward: z", out, hidden, m);
      arena.sparseForward(wT, panels, sparse, m, z, tmp);
      out.data.set(z.subarray(0, hidden * m));
    },
    weightGradient(d) {
      checkShape("weightGradient: δ", d, hidden, m);
      // The last batch's rows, unless SGD consumed them (another optimizer leaves them as
      // they were); every other row of ∂C/∂w¹ is 0 already.
      arena.clearNonZeroRows(gT);
      rowCount = arena.inkedRows(sparse, m, inked, rows);
      delta.set(d.data);
      delta.fill(0, hidden * m, panels.padded * m); // padding rows 0, so the padding of gT stays 0
      arena.sparseGradient(gT, panels, sparse, m, delta, tmp);
      arena.setNonZeroRows(gT, panels, rows, rowCount);
    },
    syncToNetwork() {
      for (let k = 0; k < inputs; k++)
        for (let i = 0; i < hidden; i++) w.data[i * inputs + k] = wT[panelIndex(panels, k, i)];
    },
    loadFromNetwork() {
      for (let k = 0; k < inputs; k++)
        for (let i = 0; i < hidden; i++) wT[panelIndex(panels, k, i)] = w.data[i * inputs + k];
    },
    dispose() {
      arena.close();
    },
  };
  layer.loadFromNetwork();
  return layer;
}

/**
 * The fastest first layer this platform offers for sparse inputs of `batchSize` columns:
 * WebAssembly SIMD where available (on two threads if asked), else sparse JS.
 */
export function createFirstLayer(
  network: Network,
  batchSize: number,
  options: FirstLayerOptions = {},
): FirstLayer {
  if (options.prefer !== "sparse") {
    const [inputs, hidden] = network.sizes;
    const bytesPerValue = network.dtype === "float32" ? 4 : 8;
    const panels = panelsFor(inputs, hidden, bytesPerValue);
    const values = 2 * panels.length + (2 * batchSize + 1) * panels.padded + inputs * batchSize;
    const arena = SimdArena.create(
      (values + 256) * bytesPerValue +
        4 * (inputs * batchSize + batchSize + 1 + inputs) +
        3 * inputs * batchSize + // the byte batch: u16 indices and u8 values
        2 * 8 * panels.length + // room for an optimizer's float64 state (Adam's m and v)
        inputs +
        2048,
      { threads: panels.widths[1] > 0 ? options.threads : 1 }, // one panel: nothing to share
    );
    if (arena) return simdFirstLayer(network, batchSize, arena);
  }
  return sparseFirstLayer(network);
}

/**
 * Whether the SIMD first layer of this network is stored in two panels, so that a second
 * thread has work (see Panels: at least 16 float64 or 32 float32 hidden neurons).
 */
export function firstLayerSplits(network: Network): boolean {
  const [inputs, hidden] = network.sizes;
  return panelsFor(inputs, hidden, network.dtype === "float32" ? 4 : 8).widths[1] > 0;
}
