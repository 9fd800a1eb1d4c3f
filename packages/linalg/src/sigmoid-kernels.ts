import type { FloatArray } from "./matrix";
import { sigmoidScalar } from "./sigmoid-scalar";
import { sigmoidWasmInto } from "./wasm/sigmoid-wasm";

/**
 * sigmoid over whole arrays, the forward pass of a sigmoid layer and its derivative:
 *
 *   forward     out[i] = σ(z[i])                      σ = sigmoidScalar (sigmoid-scalar.ts)
 *   derivative  out[i] = s(1 − s),  s = σ(z[i])       s in double, rounded once on the store
 *
 * sigmoidScalar calls linalg's exp, the same double on every engine but about 9 ns a value
 * in a JS loop. From WASM_SIGMOID_MIN_LENGTH values a WebAssembly SIMD kernel computes the
 * same operations two lanes at a time (sigmoid.wat); below that, or without WebAssembly
 * SIMD, the JS loop runs. Both store exactly sigmoidScalar's bits for every z, ±0, ±∞,
 * NaN and subnormals included (sigmoid-kernels.test.ts).
 */
export interface SigmoidOptions {
  /** "auto" (default): WebAssembly SIMD for long arrays where available; "js": the JS loop. */
  kernel?: "auto" | "js";
}

/**
 * From this many values the SIMD kernel, with its copies into and out of the arena, beats
 * the JS loop (bench/layer-kernels.bench.ts: the call costs about 0.07 µs, then about 3.5 ns
 * a value against the loop's 8.5–14; they meet at 16 values, and at 256 the kernel takes
 * less than half the loop's time, float32 and float64 alike).
 */
export const WASM_SIGMOID_MIN_LENGTH = 16;

const NO_OPTIONS: SigmoidOptions = {};

function checkLength(kind: string, z: FloatArray, out: FloatArray): void {
  if (out.length !== z.length) {
    throw new RangeError(
      `${kind}: z holds ${z.length} values but out holds ${out.length}; pass arrays of one length`,
    );
  }
}

/** out[i] = σ(z[i]), (n) → (n); out may be z. Allocates nothing. */
export function sigmoidInto(
  z: FloatArray,
  out: FloatArray,
  options: SigmoidOptions = NO_OPTIONS,
): void {
  checkLength("sigmoidInto", z, out);
  if (options.kernel !== "js" && z.length >= WASM_SIGMOID_MIN_LENGTH) {
    if (sigmoidWasmInto(z, out, false)) return;
  }
  for (let i = 0; i < z.length; i++) out[i] = sigmoidScalar(z[i]);
}

/** out[i] = σ′(z[i]) = σ(z[i])(1 − σ(z[i])), (n) → (n); out may be z. Allocates nothing. */
export function sigmoidDerivativeInto(
  z: FloatArray,
  out: FloatArray,
  options: SigmoidOptions = NO_OPTIONS,
): void {
  checkLength("sigmoidDerivativeInto", z, out);
  if (options.kernel !== "js" && z.length >= WASM_SIGMOID_MIN_LENGTH) {
    if (sigmoidWasmInto(z, out, true)) return;
  }
  for (let i = 0; i < z.length; i++) {
    const s = sigmoidScalar(z[i]);
    out[i] = s * (1 - s);
  }
}
