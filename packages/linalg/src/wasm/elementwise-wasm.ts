import type { DType, FloatArray } from "../matrix";
import type { KernelExports } from "./kernel-exports";
import { SimdArena } from "./simd-arena";

/**
 * relu and 2×2 max pooling through the WebAssembly SIMD kernels (elementwise.wat), for
 * relu-kernels.ts and max-pool-kernels.ts. Operands are copied into a scratch arena and
 * results copied out (memcpys, a few tenths of a nanosecond per value), so any typed array
 * can use the kernels. Each function returns false where the kernels cannot take the call
 * (no WebAssembly SIMD, mixed precisions, more than ELEMENTWISE_WASM_MAX_VALUES values) and
 * the caller runs its JS loop, which gives the same bits.
 */

/**
 * Calls with more values than this (32 MB of float64) stay in JS: the scratch arena would
 * hold that much memory for good. network3's largest layer fits both in training (m = 10:
 * 115,200 values) and in evaluation (m = 100: 1,152,000).
 */
export const ELEMENTWISE_WASM_MAX_VALUES = 1 << 22;

/**
 * The arena of one precision: `a` and `b` hold the operands (relu: z and g; pooling: the
 * larger input-side and the smaller output-side matrix), `corner` the windows' winners.
 * Views of their first n values are cached by n, as copies out need exact lengths and
 * a training loop asks for the same few lengths again and again (no allocation per call).
 */
interface Scratch {
  arena: SimdArena;
  kernels: KernelExports;
  a: FloatArray;
  b: FloatArray;
  corner: Uint8Array;
  prefixes: Map<ArenaArray, Map<number, ArenaArray>>;
}

/** One scratch per precision, replaced by one twice as large when a call outgrows it. */
const scratches: Partial<Record<DType, Scratch | null>> = {};

function scratchFor(dtype: DType, a: number, b: number, corner: number): Scratch | null {
  const held = scratches[dtype];
  if (held === null) return null; // no WebAssembly SIMD here
  if (held && held.a.length >= a && held.b.length >= b && held.corner.length >= corner) {
    return held;
  }
  const grow = (need: number, had: number) => Math.max(need, 2 * had, 1024);
  const sizes = [
    grow(a, held?.a.length ?? 0),
    grow(b, held?.b.length ?? 0),
    grow(corner, held?.corner.length ?? 0),
  ];
  const bytes = (dtype === "float32" ? 4 : 8) * (sizes[0] + sizes[1]) + sizes[2] + 256;
  held?.arena.close();
  const arena = SimdArena.create(bytes);
  if (!arena) {
    scratches[dtype] = null;
    return null;
  }
  const scratch: Scratch = {
    arena,
    kernels: arena.kernelExports,
    a: arena.floats(sizes[0], dtype),
    b: arena.floats(sizes[1], dtype),
    corner: arena.u8(sizes[2]),
    prefixes: new Map(),
  };
  scratches[dtype] = scratch;
  return scratch;
}

type ArenaArray = FloatArray | Uint8Array;

/** The first n values of `array` (one of the scratch's views), as a cached view. */
function prefix<T extends ArenaArray>(s: Scratch, array: T, n: number): T {
  let byLength = s.prefixes.get(array);
  if (!byLength) {
    byLength = new Map();
    s.prefixes.set(array, byLength);
  }
  let view = byLength.get(n);
  if (!view) {
    view = array.subarray(0, n);
    byLength.set(n, view);
  }
  return view as T;
}

function dtypeOf(...arrays: FloatArray[]): DType | null {
  const f32 = arrays[0] instanceof Float32Array;
  if (!arrays.every((x) => x instanceof Float32Array === f32)) return null;
  return f32 ? "float32" : "float64";
}

/**
 * The NaN that Math.max(NaN, 0) returns on this engine and CPU (on x64 the CPU's default
 * NaN, sign bit set, whatever NaN came in), kept in a typed array so its bits survive.
 * relu passes it to the kernel so that its NaNs have the JS loop's bits.
 */
const RELU_NAN = new Float64Array([Math.max(new Float64Array([Number.NaN])[0], 0)]);

/** out = relu(z) (see reluF64 in elementwise.wat); lengths are the caller's to check. */
export function reluWasmInto(z: FloatArray, out: FloatArray): boolean {
  const n = z.length;
  const dtype = dtypeOf(z, out);
  if (!dtype || n > ELEMENTWISE_WASM_MAX_VALUES) return false;
  const s = scratchFor(dtype, n, 0, 0);
  if (!s) return false;
  s.a.set(z);
  const at = s.a.byteOffset;
  if (dtype === "float32") s.kernels.reluF32(at, at, n, RELU_NAN[0]);
  else s.kernels.reluF64(at, at, n, RELU_NAN[0]);
  out.set(prefix(s, s.a, n));
  return true;
}

/** out = g ⊙ [z > 0] (see reluBackwardF64 in elementwise.wat). */
export function reluBackwardWasmInto(z: FloatArray, g: FloatArray, out: FloatArray): boolean {
  const n = z.length;
  const dtype = dtypeOf(z, g, out);
  if (!dtype || n > ELEMENTWISE_WASM_MAX_VALUES) return false;
  const s = scratchFor(dtype, n, n, 0);
  if (!s) return false;
  s.a.set(z);
  s.b.set(g);
  const zAt = s.a.byteOffset;
  const gAt = s.b.byteOffset;
  if (dtype === "float32") s.kernels.reluBackwardF32(zAt, gAt, gAt, n);
  else s.kernels.reluBackwardF64(zAt, gAt, gAt, n);
  out.set(prefix(s, s.b, n));
  return true;
}

/**
 * y, corner ← the 2×2 stride-2 max pooling of x, C channels of H × W pixels with m samples
 * side by side in each row (see maxPool2x2F64 in elementwise.wat).
 */
export function maxPool2x2WasmInto(
  x: FloatArray,
  y: FloatArray,
  corner: Uint8Array,
  C: number,
  H: number,
  W: number,
  m: number,
): boolean {
  const dtype = dtypeOf(x, y);
  if (!dtype || x.length > ELEMENTWISE_WASM_MAX_VALUES) return false;
  const s = scratchFor(dtype, x.length, y.length, y.length);
  if (!s) return false;
  s.a.set(x);
  const xAt = s.a.byteOffset;
  const yAt = s.b.byteOffset;
  const cornerAt = s.corner.byteOffset;
  if (dtype === "float32") s.kernels.maxPool2x2F32(xAt, yAt, cornerAt, C, H, W, m);
  else s.kernels.maxPool2x2F64(xAt, yAt, cornerAt, C, H, W, m);
  y.set(prefix(s, s.b, y.length));
  corner.set(prefix(s, s.corner, corner.length));
  return true;
}

/** deltaIn ← delta routed to each window's corner (see maxPool2x2BackwardF64). */
export function maxPool2x2BackwardWasmInto(
  delta: FloatArray,
  corner: Uint8Array,
  deltaIn: FloatArray,
  C: number,
  H: number,
  W: number,
  m: number,
): boolean {
  const dtype = dtypeOf(delta, deltaIn);
  if (!dtype || deltaIn.length > ELEMENTWISE_WASM_MAX_VALUES) return false;
  const s = scratchFor(dtype, deltaIn.length, delta.length, delta.length);
  if (!s) return false;
  s.b.set(delta);
  s.corner.set(corner);
  const deltaAt = s.b.byteOffset;
  const cornerAt = s.corner.byteOffset;
  const inAt = s.a.byteOffset;
  if (dtype === "float32") s.kernels.maxPool2x2BackwardF32(deltaAt, cornerAt, inAt, C, H, W, m);
  else s.kernels.maxPool2x2BackwardF64(deltaAt, cornerAt, inAt, C, H, W, m);
  deltaIn.set(prefix(s, s.a, deltaIn.length));
  return true;
}
