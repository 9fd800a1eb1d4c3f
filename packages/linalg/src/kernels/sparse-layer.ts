/**
 * The kernel seam for the first layer on sparse inputs (images: about 80% of MNIST's
 * pixels are 0), where training spends most of its time:
 *   forward  z¹ = w¹x          (before the bias)
 *   BP4      ∂C/∂w¹ = δ¹xᵀ
 * Two implementations of one interface, chosen once when training is set up: plain JS
 * (sparse-layer-js.ts, the reference, w¹ as the model holds it) and WebAssembly SIMD on one
 * or two threads (wasm/sparse-layer-simd.ts, w¹ transposed in panels). Nothing outside
 * this package sees the difference: w¹ and ∂C/∂w¹ reach optimizers as a ParameterBlock,
 * and reach the model through syncWeights.
 */
import type { ByteColumns } from "../byte-columns";
import type { Matrix } from "../matrix";
import type { SparseColumns } from "../sparse-columns";
import { simdSparseLayer } from "../wasm/sparse-layer-simd";
import type { ParameterBlock } from "./parameter-block";
import { jsSparseLayer } from "./sparse-layer-js";

/**
 * The first layer's weights on sparse batches, behind one interface (JS or WebAssembly
 * SIMD, one or two threads): forward z¹ = w¹x and BP4's ∂C/∂w¹ = δ¹xᵀ. Made by
 * {@link createSparseLayer}; the biases stay with the network.
 */
export interface SparseLayer {
  /** w¹ (hidden × inputs) and ∂C/∂w¹, summed over the batch, for the update rules. */
  readonly block: ParameterBlock;
  /** Which kernels run it, for reports. */
  readonly kernels: "js" | "wasm";
  /** Threads its kernels run on now (2 only for "wasm" with a kernel thread in use). */
  readonly threads: 1 | 2;
  /** Samples in the batch last given. */
  readonly batchColumns: number;
  /** This batch's inputs (inputs × m, m ≤ the batch size the layer was made for). */
  setInput(x: SparseColumns): void;
  /** The same from bytes as a data set stores them (input value v / 255). */
  setInputBytes(x: ByteColumns): void;
  /** z (hidden × m) = w¹x. */
  forward(z: Matrix): void;
  /** BP4: ∂C/∂w¹ = δxᵀ with δ (hidden × m), into block.gradient. */
  weightGradient(delta: Matrix): void;
  /** Copies w¹ into the matrix the layer was made from, if the layer keeps its own copy. */
  syncWeights(): void;
  /** Copies that matrix into the layer (after code outside changed it). */
  loadWeights(): void;
  /** Stops its kernel thread, if any. Call when training ends. */
  close(): void;
}

/** Which kernels and how many threads {@link createSparseLayer} uses. */
export interface KernelOptions {
  /**
   * "auto" (default): WebAssembly SIMD where it runs, else JS; "js": the JS reference.
   * "fma" (fused multiply-adds for the dense layers, see GemmOptions) runs this layer as "auto".
   */
  kernels?: "auto" | "js" | "fma";
  /**
   * 2 splits the SIMD kernels between two cores (Node ≥ 20.16, Bun, Deno), "auto" uses the
   * second core only while it measures faster; results are bit-identical either way.
   * Default 1.
   */
  threads?: 1 | 2 | "auto";
  /** Told in one line when a second thread was asked for but cannot start. */
  onNotice?: (message: string) => void;
}

/**
 * The first layer of weights `w` (hidden × inputs, the model's matrix) for sparse batches
 * of at most `batchSize` samples, on the kernels `options` choose.
 */
export function createSparseLayer(
  w: Matrix,
  batchSize: number,
  options: KernelOptions = {},
): SparseLayer {
  if (options.kernels !== "js") {
    const layer = simdSparseLayer(w, batchSize, options);
    if (layer) return layer;
  }
  return jsSparseLayer(w, batchSize);
}
