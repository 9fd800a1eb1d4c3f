import type { ConvShape } from "../conv/conv-shape";
import type { Matrix } from "../matrix";
import { productInScratch, type Scratch, scratchFor, WASM_GEMM_MAX_VALUES } from "./gemm-wasm";

/**
 * A convolution's three products with im2col and col2im inside the gemm scratch arena
 * (conv.wat), for conv/conv-products.ts. The patches matrix (C·k·k) × (P·m), the largest
 * operand (320,000 values per batch of 10 in network3's second conv layer), is made where
 * the product reads it and never copied; only x, w, δ and the results cross into and out
 * of the arena. The products run the same kernels on the same operands as gemmInto, so
 * results equal the JS im2col + gemmInto path bit for bit (conv-products.test.ts).
 * Each returns false where the kernels cannot take the call (no WebAssembly SIMD, mixed
 * precisions, operands over WASM_GEMM_MAX_VALUES), and the caller runs the JS path.
 */

/** The arena, sized for this call and with `g` written for the kernels; or null. */
function scratchForConv(
  dtype: Matrix["dtype"],
  threads: 1 | 2,
  g: ConvShape,
  m: number,
  a: number,
  b: number,
  c: number,
  x: number,
): Scratch | null {
  if (a + b + c + x > WASM_GEMM_MAX_VALUES) return null;
  const s = scratchFor(dtype, threads, a, b, c, x);
  if (!s) return null;
  const geometry = s.geometry;
  geometry[0] = g.input.channels;
  geometry[1] = g.input.height;
  geometry[2] = g.input.width;
  geometry[3] = g.output.height;
  geometry[4] = g.output.width;
  geometry[5] = g.kernelSize;
  geometry[6] = g.stride;
  geometry[7] = g.padTop;
  geometry[8] = g.padLeft;
  geometry[9] = m;
  return s;
}

function sameDtype(...matrices: Matrix[]): boolean {
  return matrices.every((x) => x.dtype === matrices[0].dtype);
}

/** z (F·P) × m = w·im2col(x) + b, with w F × (C·k·k), b F × 1, x (C·H·W) × m. */
export function convForwardWasm(
  z: Matrix,
  w: Matrix,
  b: Matrix,
  x: Matrix,
  g: ConvShape,
  threads: 1 | 2,
): boolean {
  if (!sameDtype(z, w, b, x)) return false;
  const [F, patch, m] = [w.rows, w.cols, x.cols];
  const n = (z.rows / F) * m; // P·m
  const s = scratchForConv(
    z.dtype,
    threads,
    g,
    m,
    w.data.length,
    patch * n,
    F * n,
    x.data.length + F,
  );
  if (!s) return false;
  const k = s.arena.kernelExports;
  const f32 = z.dtype === "float32";
  s.a.set(w.data);
  s.x.set(x.data);
  const bias = s.x.subarray(x.data.length, x.data.length + F);
  bias.set(b.data);
  (f32 ? k.im2colF32 : k.im2colF64)(s.b.byteOffset, s.x.byteOffset, s.geometry.byteOffset);
  const out = productInScratch(s, F, n, patch, false, false);
  (f32 ? k.addRowBiasF32 : k.addRowBiasF64)(out.byteOffset, bias.byteOffset, F, n);
  z.data.set(out);
  return true;
}

/**
 * BP4: nablaW F × (C·k·k) = δ·im2col(x)ᵀ, δ (F·P) × m seen as F × (P·m). Computed as
 * (cols·δᵀ)ᵀ: an NN product runs gemmRows, 1.6-1.75× the GFLOP/s of the NT dot products
 * on network3's shapes (K = P·m = 640 and 5,760 terms), and the two transposes move only
 * δ and the weights (1/20 and 1/16 of the patches in network3's second layer).
 */
export function convWeightGradientWasm(
  nablaW: Matrix,
  delta: Matrix,
  x: Matrix,
  g: ConvShape,
  threads: 1 | 2,
): boolean {
  if (!sameDtype(nablaW, delta, x)) return false;
  const [F, patch, m] = [nablaW.rows, nablaW.cols, x.cols];
  const n = (delta.rows / F) * m;
  const bSize = Math.max(n * F, F * patch); // δᵀ in b; δ, then ∂w, in bT (as large)
  const s = scratchForConv(nablaW.dtype, threads, g, m, patch * n, bSize, patch * F, x.data.length);
  if (!s) return false;
  s.x.set(x.data);
  s.bT.set(delta.data);
  const k = s.arena.kernelExports;
  (nablaW.dtype === "float32" ? k.im2colF32 : k.im2colF64)(
    s.a.byteOffset,
    s.x.byteOffset,
    s.geometry.byteOffset,
  );
  s.arena.transpose(s.bT, s.b, F, n); // δᵀ, (P·m) × F
  const weightsT = productInScratch(s, patch, F, n, false, false); // (cols·δᵀ), (C·k·k) × F
  s.arena.transpose(weightsT, s.bT, patch, F);
  nablaW.data.set(s.bT.subarray(0, F * patch));
  return true;
}

/** BP2: dx (C·H·W) × m = col2im(wᵀ·δ). */
export function convInputGradientWasm(
  dx: Matrix,
  w: Matrix,
  delta: Matrix,
  g: ConvShape,
  threads: 1 | 2,
): boolean {
  if (!sameDtype(dx, w, delta)) return false;
  const [F, patch, m] = [w.rows, w.cols, dx.cols];
  const n = (delta.rows / F) * m;
  const s = scratchForConv(
    dx.dtype,
    threads,
    g,
    m,
    w.data.length,
    delta.data.length,
    patch * n,
    dx.data.length,
  );
  if (!s) return false;
  const k = s.arena.kernelExports;
  s.a.set(w.data);
  s.b.set(delta.data);
  const dcols = productInScratch(s, patch, n, F, true, false);
  (dx.dtype === "float32" ? k.col2imF32 : k.col2imF64)(
    s.x.byteOffset,
    dcols.byteOffset,
    s.geometry.byteOffset,
  );
  dx.data.set(s.x.subarray(0, dx.data.length));
  return true;
}
