import type { FloatArray } from "./matrix";
import { reluBackwardLoop, reluLoop } from "./relu-loops";
import { reluBackwardWasmInto, reluWasmInto } from "./wasm/elementwise-wasm";

/**
 * relu and its backward step, the hot loops of a conv net's activations:
 *
 *   forward   a = max(z, 0)             as Math.max: NaN stays NaN, −0 gives +0
 *   backward  δ = g ⊙ [z > 0]           out[i] = g[i]·(z[i] > 0 ? 1 : 0), a product, so a
 *                                        negative g where z ≤ 0 gives −0, an infinite or
 *                                        NaN g there gives NaN
 *
 * The obvious loops branch on the sign of z, which is random in training, and pay a
 * mispredicted branch every other value (about 7 ns a value). These kernels never branch
 * on it: WebAssembly SIMD (masks) from WASM_RELU_MIN_LENGTH values, a JS loop that turns
 * the comparison into a 0 or 1 and multiplies below that or where WebAssembly SIMD is
 * missing. Both give exactly the bits of the obvious loops (relu-kernels.test.ts).
 */
export interface ReluOptions {
  /** "auto" (default): WebAssembly SIMD for long arrays where available; "js": the JS loop. */
  kernel?: "auto" | "js";
}

/**
 * From this many values the SIMD kernel, with its copies into and out of the arena, beats
 * the branch-free JS loop (bench/layer-kernels.bench.ts: the call costs about 0.1 µs, then
 * 0.3–1 ns a value against the loop's 2–2.6 ns; they meet near 64 values, and at 256 the
 * kernel takes a third of the loop's time in float32 and float64 alike).
 */
export const WASM_RELU_MIN_LENGTH = 256;

const NO_OPTIONS: ReluOptions = {};

function checkLength(kind: string, z: FloatArray, name: string, x: FloatArray): void {
  if (x.length !== z.length) {
    throw new RangeError(
      `${kind}: z holds ${z.length} values but ${name} holds ${x.length}; pass arrays of one length`,
    );
  }
}

/** out[i] = max(z[i], 0), (n) → (n); out may be z. Allocates nothing. */
export function reluInto(z: FloatArray, out: FloatArray, options: ReluOptions = NO_OPTIONS): void {
  checkLength("reluInto", z, "out", out);
  if (options.kernel !== "js" && z.length >= WASM_RELU_MIN_LENGTH && reluWasmInto(z, out)) return;
  reluLoop(z, out);
}

/** out[i] = g[i]·(z[i] > 0 ? 1 : 0), (n), (n) → (n); out may be z or g. Allocates nothing. */
export function reluBackwardInto(
  z: FloatArray,
  g: FloatArray,
  out: FloatArray,
  options: ReluOptions = NO_OPTIONS,
): void {
  checkLength("reluBackwardInto", z, "g", g);
  checkLength("reluBackwardInto", z, "out", out);
  if (options.kernel !== "js" && z.length >= WASM_RELU_MIN_LENGTH) {
    if (reluBackwardWasmInto(z, g, out)) return;
  }
  reluBackwardLoop(z, g, out);
}
