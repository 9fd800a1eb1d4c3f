import type { ConvShape } from "../conv/conv-shape";
import type { FloatArray, Matrix } from "../matrix";
import { convRoomFor, writeConvGeometry } from "./conv-room";
import { productIn, type Scratch, scratchFor, WASM_GEMM_MAX_VALUES } from "./gemm-wasm";

/**
 * A convolution's three products with im2col and col2im inside the gemm scratch arena
 * (conv.wat), for conv/conv-products.ts. The patches matrix (C·k·k) × (P·m), the largest
 * operand (320,000 values per batch of 10 in network3's second conv layer), is made where
 * the product reads it and never copied; only x, w, δ and the results cross into and out
 * of the arena. The products run the same kernels on the same operands as gemmInto, so
 * results equal the JS im2col + gemmInto path bit for bit (conv-products.test.ts).
 * Each returns false where the kernels cannot take the call (no WebAssembly SIMD, mixed
 * precisions, operands over WASM_GEMM_MAX_VALUES), and the caller runs the JS path.
 *
 * With a layer's key (`keep`), calls on one thread and small batches run in the layer's
 * own room instead (conv-room.ts), where the forward pass's patches stay for BP4, which
 * then skips its im2col. The same kernels on the same values: the same bits.
 */

/** cols ← im2col(image), both in `s`'s arena, for s.geometry (samples in [9]). */
function im2colIn(s: Scratch, cols: FloatArray, image: FloatArray): void {
  const k = s.arena.kernelExports;
  const im2col = cols instanceof Float32Array ? k.im2colF32 : k.im2colF64;
  im2col(cols.byteOffset, image.byteOffset, s.geometry.byteOffset);
}

/** image ← col2im(cols), both in `s`'s arena (the adjoint of im2colIn). */
function col2imIn(s: Scratch, image: FloatArray, cols: FloatArray): void {
  const k = s.arena.kernelExports;
  const col2im = cols instanceof Float32Array ? k.col2imF32 : k.col2imF64;
  col2im(image.byteOffset, cols.byteOffset, s.geometry.byteOffset);
}

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
  writeConvGeometry(s.geometry, g, m);
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
  keep?: object,
): boolean {
  if (!sameDtype(z, w, b, x)) return false;
  const [F, patch, m] = [w.rows, w.cols, x.cols];
  const n = (z.rows / F) * m; // P·m
  const room = keep ? convRoomFor(keep, g, m, z.dtype, threads) : null;
  const s =
    room ??
    scratchForConv(z.dtype, threads, g, m, w.data.length, patch * n, F * n, x.data.length + F);
  if (!s) return false;
  const wIn = room ? room.w : s.a;
  wIn.set(w.data);
  const image = s.x.subarray(0, x.data.length);
  image.set(x.data);
  const bias = s.x.subarray(x.data.length, x.data.length + F);
  bias.set(b.data);
  im2colIn(s, s.b, image);
  if (room) room.patchesOf = x; // kept for BP4
  const out = productIn(s, wIn, s.b, s.c.subarray(0, F * n), F, n, patch, false, false);
  const k = s.arena.kernelExports;
  (z.dtype === "float32" ? k.addRowBiasF32 : k.addRowBiasF64)(
    out.byteOffset,
    bias.byteOffset,
    F,
    n,
  );
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
  keep?: object,
): boolean {
  if (!sameDtype(nablaW, delta, x)) return false;
  const [F, patch, m] = [nablaW.rows, nablaW.cols, x.cols];
  const n = (delta.rows / F) * m;
  const room = keep ? convRoomFor(keep, g, m, nablaW.dtype, threads) : null;
  const bSize = Math.max(n * F, F * patch); // δᵀ in b; δ, then ∂w, in bT (as large)
  const s =
    room ?? scratchForConv(nablaW.dtype, threads, g, m, patch * n, bSize, patch * F, x.data.length);
  if (!s) return false;
  // The room's patches are in b (kept from the forward pass), the scratch's in a.
  const [cols, deltaT, gradient] = room ? [s.b, s.a, room.w] : [s.a, s.b, s.bT];
  if (room?.patchesOf !== x) {
    const image = s.x.subarray(0, x.data.length);
    image.set(x.data);
    im2colIn(s, cols, image);
    if (room) room.patchesOf = x;
  }
  const deltaIn = s.bT.subarray(0, F * n);
  deltaIn.set(delta.data);
  s.arena.transpose(deltaIn, deltaT, F, n); // δᵀ, (P·m) × F
  const weightsT = productIn(
    s,
    cols,
    deltaT,
    s.c.subarray(0, patch * F),
    patch,
    F,
    n,
    false,
    false,
  );
  s.arena.transpose(weightsT, gradient, patch, F); // (cols·δᵀ)ᵀ
  nablaW.data.set(gradient.subarray(0, F * patch));
  return true;
}

/** BP2: dx (C·H·W) × m = col2im(wᵀ·δ). */
export function convInputGradientWasm(
  dx: Matrix,
  w: Matrix,
  delta: Matrix,
  g: ConvShape,
  threads: 1 | 2,
  keep?: object,
): boolean {
  if (!sameDtype(dx, w, delta)) return false;
  const [F, patch, m] = [w.rows, w.cols, dx.cols];
  const n = (delta.rows / F) * m;
  const room = keep ? convRoomFor(keep, g, m, dx.dtype, threads) : null;
  const s =
    room ??
    scratchForConv(
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
  // In the room δ goes in a, not b: b keeps the patches (another backward reuses them).
  const [wIn, deltaIn] = room ? [room.w, s.a] : [s.a, s.b];
  wIn.set(w.data);
  deltaIn.set(delta.data);
  const dcols = productIn(s, wIn, deltaIn, s.c.subarray(0, patch * n), patch, n, F, true, false);
  col2imIn(s, s.x, dcols);
  dx.data.set(s.x.subarray(0, dx.data.length));
  return true;
}
