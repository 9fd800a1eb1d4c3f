import type { DType, FloatArray } from "../src/matrix";
import type { Rng } from "../src/random";

// Test inputs for kernels that must give another loop's exact bits (relu, max pooling):
// the values where a shortcut would show, and a comparison of bytes.

/** Quiet NaNs of both signs, with and without payload bits: [high word, low word] (f64) or one word (f32). */
const NAN_BITS = {
  float64: [
    [0x7ff80000, 0],
    [0xfff80000, 0],
    [0x7ff81234, 0x5678],
    [0xfffabcde, 1],
  ],
  float32: [[0x7fc00000], [0xffc00000], [0x7fc01234], [0xffd0abcd]],
};

/**
 * n values of which about a third are special: ±0, ±∞, NaNs as above, subnormals, ±1;
 * the rest normal values of random sign.
 */
export function specialValues(rng: Rng, n: number, dtype: DType): FloatArray {
  const x = dtype === "float32" ? new Float32Array(n) : new Float64Array(n);
  const words = new Uint32Array(x.buffer);
  const tiny = dtype === "float32" ? 1e-40 : 5e-320;
  for (let i = 0; i < n; i++) {
    const r = rng.uniform();
    if (r < 0.06) {
      const nan = NAN_BITS[dtype][rng.integer(4)];
      if (dtype === "float32") words[i] = nan[0];
      else [words[2 * i + 1], words[2 * i]] = nan;
    } else if (r < 0.12) x[i] = rng.uniform() < 0.5 ? 0 : -0;
    else if (r < 0.18) x[i] = rng.uniform() < 0.5 ? Infinity : -Infinity;
    else if (r < 0.24) x[i] = (rng.uniform() - 0.5) * tiny;
    else if (r < 0.3) x[i] = rng.uniform() < 0.5 ? 1 : -1;
    else x[i] = (rng.uniform() - 0.5) * 10;
  }
  return x;
}

/** Whether a and b hold the same bytes: NaN bits, −0 and all. */
export function sameBits(a: FloatArray, b: FloatArray): boolean {
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  return a.constructor === b.constructor && x.length === y.length && x.every((v, i) => v === y[i]);
}

/** The first index where a and b differ in bits, for failure messages. */
export function firstDifference(a: FloatArray, b: FloatArray): string {
  for (let i = 0; i < a.length; i++) {
    if (!sameBits(a.subarray(i, i + 1), b.subarray(i, i + 1))) return `at ${i}: ${a[i]} vs ${b[i]}`;
  }
  return "none";
}
