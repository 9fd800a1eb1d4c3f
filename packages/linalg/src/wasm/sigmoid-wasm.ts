import { LN2_OVER_N_HI, LN2_OVER_N_LO, N_OVER_LN2 } from "../math/exp-table";
import { EXP2_HEAD_TAIL } from "../math/exp2-table";
import type { DType, FloatArray } from "../matrix";
import { sigmoidScalar } from "../sigmoid-scalar";
import type { KernelExports } from "./kernel-exports";
import { SimdArena } from "./simd-arena";

/**
 * sigmoid and its derivative through the WebAssembly SIMD kernel (sigmoid.wat), for
 * sigmoid-kernels.ts. z is copied into a scratch arena, the kernel writes the arena's `out`,
 * which is copied out; the few values the kernel leaves (|z| ≥ 708 or NaN, exp's rare path)
 * are then computed here by sigmoidScalar. Returns false where WebAssembly SIMD is missing,
 * and the caller runs its JS loop, which gives the same bits.
 */

/**
 * Values per kernel call: longer arrays go through in chunks of this many, so the arena
 * never grows (float64: z and out, 2 × 128 KB, which stay in L2 cache between the copy in,
 * the kernel and the copy out). network3's conv1 activations (115,200 values) take 8 calls.
 */
export const SIGMOID_WASM_CHUNK = 16384;

/** exp's table rows and constants, as sigmoid.wat reads them at `tables`. */
function expTables(): Float64Array {
  const tables = new Float64Array(EXP2_HEAD_TAIL.length + 12);
  tables.set(EXP2_HEAD_TAIL);
  const at = EXP2_HEAD_TAIL.length;
  // N, SHIFT, HI, LO, C2…C5: math/exp.ts's constants, written as exp.ts writes them.
  tables.set(
    [N_OVER_LN2, 6755399441055744, LN2_OVER_N_HI, LN2_OVER_N_LO, 0.5, 1 / 6, 1 / 24, 1 / 120],
    at,
  );
  // 1 (its bits are also 1023 << 52, the exponent bias), −708 (the kernel's range), −0
  // (the sign bit), and the integer −128, which clears k mod 128 from k.
  tables.set([1, -708, -0], at + 8);
  new BigInt64Array(tables.buffer)[at + 11] = -128n;
  return tables;
}

/** The arena of one precision: exp's tables, then room for one chunk of z and of out. */
interface Scratch {
  kernel: KernelExports["sigmoidF64"];
  tablesAt: number;
  z: FloatArray;
  out: FloatArray;
  /** Views of out's first n values by n, for copies out of exact length (no allocation per call). */
  outPrefixes: Map<number, FloatArray>;
}

const scratches: Partial<Record<DType, Scratch | null>> = {};

function scratchFor(dtype: DType): Scratch | null {
  const held = scratches[dtype];
  if (held !== undefined) return held; // null: no WebAssembly SIMD here
  const tables = expTables();
  const valueBytes = (dtype === "float32" ? 4 : 8) * SIGMOID_WASM_CHUNK;
  const arena = SimdArena.create(tables.byteLength + 2 * valueBytes + 256);
  if (!arena) {
    scratches[dtype] = null;
    return null;
  }
  const inArena = arena.f64(tables.length);
  inArena.set(tables);
  const kernels = arena.kernelExports;
  const scratch: Scratch = {
    kernel: dtype === "float32" ? kernels.sigmoidF32 : kernels.sigmoidF64,
    tablesAt: inArena.byteOffset,
    z: arena.floats(SIGMOID_WASM_CHUNK, dtype),
    out: arena.floats(SIGMOID_WASM_CHUNK, dtype),
    outPrefixes: new Map(),
  };
  scratches[dtype] = scratch;
  return scratch;
}

function outPrefix(s: Scratch, n: number): FloatArray {
  let view = s.outPrefixes.get(n);
  if (!view) {
    if (s.outPrefixes.size >= 64) s.outPrefixes.clear(); // callers use a few lengths
    view = s.out.subarray(0, n);
    s.outPrefixes.set(n, view);
  }
  return view;
}

/**
 * out[i] = σ(z[i]), or σ(z[i])(1 − σ(z[i])) with `derivative`, each exactly as the JS
 * loops of sigmoid-kernels.ts store it; lengths are the caller's to check. The float32
 * kernel runs when both arrays are float32, else the float64 one (a float32 z widens
 * exactly; a float32 out rounds once in the copy out, as the loop's assignment does).
 */
export function sigmoidWasmInto(z: FloatArray, out: FloatArray, derivative: boolean): boolean {
  const f32 = z instanceof Float32Array && out instanceof Float32Array;
  const s = scratchFor(f32 ? "float32" : "float64");
  if (!s) return false;
  const n = z.length;
  for (let start = 0; start < n; start += SIGMOID_WASM_CHUNK) {
    const count = Math.min(SIGMOID_WASM_CHUNK, n - start);
    s.z.set(count === n ? z : z.subarray(start, start + count));
    const left = s.kernel(s.z.byteOffset, s.out.byteOffset, count, s.tablesAt, derivative ? 1 : 0);
    out.set(outPrefix(s, count), start);
    if (left > 0) outOfRangeInto(s.z, count, out, start, derivative);
  }
  return true;
}

/**
 * The values the kernel left: |z| ≥ 708 or NaN, by sigmoidScalar, from the arena's copy
 * of z (out may be z, already overwritten).
 */
function outOfRangeInto(
  z: FloatArray,
  count: number,
  out: FloatArray,
  start: number,
  derivative: boolean,
): void {
  for (let i = 0; i < count; i++) {
    const v = z[i];
    if (Math.abs(v) < 708) continue;
    const a = sigmoidScalar(v);
    out[start + i] = derivative ? a * (1 - a) : a;
  }
}
