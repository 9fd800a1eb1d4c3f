import type { DType, FloatArray, Matrix } from "../matrix";
import { parameterArenaOf } from "../parameter-arena";
import { kernelModule } from "./kernel-module";
import { type GemmShape, SimdArena } from "./simd-arena";

/**
 * gemm through the WebAssembly SIMD kernels (kernels.wat), for gemm.ts. The operands are
 * copied into a scratch arena and the product copied back: a copy is a memcpy, cheap next
 * to the m·n·k multiply-adds, and it lets any Matrix use the kernels. Measured (pnpm bench
 * in packages/linalg), this beats the JS loops from about m·n·k = 1000. Where an operand
 * already lives in a layer's parameter arena with room for the others (a dense layer's w
 * or ∂C/∂w), the product runs there instead (productInParameterArena): at batch 10 copying
 * a 1000 × 1000 w took as long as the product.
 */
export const WASM_GEMM_MIN_WORK = 1000;

/**
 * Whether `kernel: "fma"` runs fused multiply-adds here (relaxed SIMD: Node ≥ 22, Chrome ≥
 * 114, Node 20 with --experimental-wasm-relaxed-simd); where not, it runs the default kernels.
 */
export function fusedMultiplyAddAvailable(): boolean {
  return kernelModule("fma") !== null;
}

/**
 * Products whose operands and result hold more values than this (32 MB in float64) stay
 * in the JS loops: the scratch arena would double their memory and never give it back.
 * Training's and evaluation's products (chunks of 1,000 samples) are far below it.
 */
export const WASM_GEMM_MAX_VALUES = 1 << 22;

export interface Scratch {
  arena: SimdArena;
  a: FloatArray;
  b: FloatArray;
  /** Room for Bᵀ (gemmDotColumns). */
  bT: FloatArray;
  c: FloatArray;
  /** A convolution's input and bias, or its δ of the input (conv-wasm.ts); else small. */
  x: FloatArray;
  /** A convolution's geometry for the im2col/col2im kernels (conv-wasm.ts): 10 values. */
  geometry: Int32Array;
  /** The product's shape, refilled each call (no allocation per product). */
  shape: GemmShape;
}

/**
 * One scratch arena per precision and thread count ("float64/1", "float32/2", …), replaced
 * by a larger one when a product outgrows it. A two-thread arena shares its memory with a
 * kernel thread, started with the arena (once) and stopped when it is replaced.
 */
const scratches: Partial<Record<string, Scratch | null>> = {};

/**
 * The scratch arena of this precision and thread count, with room for a values of A, b of
 * B (and Bᵀ), c of C and x of a convolution's image (see Scratch), or null without SIMD.
 */
export function scratchFor(
  dtype: DType,
  threads: 1 | 2,
  a: number,
  b: number,
  c: number,
  x = 0,
): Scratch | null {
  const key = `${dtype}/${threads}`;
  const held = scratches[key];
  if (held === null) return null; // no WebAssembly SIMD here
  if (
    held &&
    held.a.length >= a &&
    held.b.length >= b &&
    held.c.length >= c &&
    held.x.length >= x
  ) {
    return held;
  }
  // Grow to at least twice the old capacities, so a run of growing shapes reallocates rarely.
  const sizes = [a, b, c, x].map((need, i) =>
    Math.max(need, 2 * (held ? [held.a, held.b, held.c, held.x][i].length : 0), 1024),
  );
  const values = sizes[0] + 2 * sizes[1] + sizes[2] + sizes[3];
  const bytes = (dtype === "float32" ? 4 : 8) * values + 6 * 64; // + each array's alignment
  held?.arena.close();
  const arena = SimdArena.create(bytes, { threads });
  if (!arena) {
    scratches[key] = null;
    return null;
  }
  const scratch = {
    arena,
    a: arena.floats(sizes[0], dtype),
    b: arena.floats(sizes[1], dtype),
    bT: arena.floats(sizes[1], dtype),
    c: arena.floats(sizes[2], dtype),
    x: arena.floats(sizes[3], dtype),
    geometry: arena.i32(10),
    shape: { m: 0, n: 0, k: 0, transA: false, transB: false },
  };
  scratches[key] = scratch;
  return scratch;
}

/**
 * c (m × n) = op(a)·op(b) (α = 1, β = 0) by the SIMD kernels; false if they cannot take it
 * (Aᵀ·Bᵀ, mixed precisions, more than WASM_GEMM_MAX_VALUES values, no WebAssembly SIMD),
 * and the caller uses its JS loops.
 * Shapes are the caller's to check. float64 results equal the JS loops' bit for bit (the
 * same operations in the same order); float32 ones round each step to float32.
 */
export function gemmWasmInto(
  c: Matrix,
  a: Matrix,
  b: Matrix,
  m: number,
  n: number,
  k: number,
  transA: boolean,
  transB: boolean,
  fused = false,
  threads: 1 | 2 = 1,
): boolean {
  if (transA && transB) return false;
  if (a.data.length + b.data.length + m * n > WASM_GEMM_MAX_VALUES) return false;
  const dtype = c.dtype;
  if (a.dtype !== dtype || b.dtype !== dtype) return false;
  // A layer's weights or gradient in its parameter arena: multiply there, without copying
  // them (one thread: that arena has no kernel thread).
  if (threads === 1 && !fused && productInParameterArena(c, a, b, m, n, k, transA, transB)) {
    return true;
  }
  const s = scratchFor(dtype, threads, a.data.length, b.data.length, m * n);
  if (!s) return false;
  s.a.set(a.data);
  s.b.set(b.data);
  c.data.set(productInScratch(s, m, n, k, transA, transB, fused));
  return true;
}

/**
 * The first m·n values of the scratch's c ← op(a)·op(b), its a and b already filled (A m × k
 * or, transA, k × m; B k × n or, transB, n × k). Returns that view of c.
 */
export function productInScratch(
  s: Scratch,
  m: number,
  n: number,
  k: number,
  transA: boolean,
  transB: boolean,
  fused = false,
): FloatArray {
  return productIn(s, s.a, s.b, s.c.subarray(0, m * n), m, n, k, transA, transB, fused);
}

/** out (m × n) ← op(a)·op(b), every array in `room.arena`; room.shape is refilled. */
export function productIn(
  room: { arena: SimdArena; bT: FloatArray; shape: GemmShape },
  a: FloatArray,
  b: FloatArray,
  out: FloatArray,
  m: number,
  n: number,
  k: number,
  transA: boolean,
  transB: boolean,
  fused = false,
): FloatArray {
  // A view cut from a slot too small would be silently shorter, and the kernel write past it.
  if (out.length < m * n) {
    throw new RangeError(`productIn: the output holds ${out.length} values, not ${m}×${n}`);
  }
  const shape = room.shape;
  shape.m = m;
  shape.n = n;
  shape.k = k;
  shape.transA = transA;
  shape.transB = transB;
  out.fill(0);
  room.arena.gemm(out, a, b, room.bT, shape, fused);
  return out;
}

/**
 * c (m × n) = op(a)·op(b) by the SIMD kernels inside the parameter arena that one of the
 * three lives in (parameterMatrices with productColumns), the others copied into its operand
 * room: the same kernels on the same values as the scratch memory, so the same bits. False
 * if none lives in an arena with room, or the others do not fit or differ in precision.
 * One thread: a parameter arena has no kernel thread.
 */
export function productInParameterArena(
  c: Matrix,
  a: Matrix,
  b: Matrix,
  m: number,
  n: number,
  k: number,
  transA: boolean,
  transB: boolean,
): boolean {
  // The first operand whose arena has room (an arena without room gives null: go on).
  // Written out, not mapped over a list: this runs for every product gemm sends here.
  const room =
    parameterArenaOf(a.data)?.room ??
    parameterArenaOf(c.data)?.room ??
    parameterArenaOf(b.data)?.room;
  if (!room) return false;
  const aIn = inside(a.data, room.a);
  const bIn = inside(b.data, room.b);
  const cIn = inside(c.data, room.c);
  if (!aIn || !bIn || !cIn || b.data.length > room.bT.length) return false;
  // C is zeroed before the product reads A and B: views that overlap it go the copying way.
  if (overlaps(cIn, aIn) || overlaps(cIn, bIn)) return false;
  if (aIn !== a.data) aIn.set(a.data);
  if (bIn !== b.data) bIn.set(b.data);
  productIn(room, aIn, bIn, cIn, m, n, k, transA, transB);
  if (cIn !== c.data) c.data.set(cIn);
  return true;
}

/** x itself if it lives in slot's memory, else the part of `slot` it will be copied to (or null: too long, or another precision). */
function inside(x: FloatArray, slot: FloatArray): FloatArray | null {
  if (x.buffer === slot.buffer) return x;
  if (x.length > slot.length || x instanceof Float32Array !== slot instanceof Float32Array) {
    return null;
  }
  return slot.subarray(0, x.length);
}

/** Whether two views of one memory share a byte. */
function overlaps(x: FloatArray, y: FloatArray): boolean {
  if (x.buffer !== y.buffer) return false;
  return x.byteOffset < y.byteOffset + y.byteLength && y.byteOffset < x.byteOffset + x.byteLength;
}
