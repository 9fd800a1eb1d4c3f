import { type ConvShape, outputPositions, patchLength } from "../conv/conv-shape";
import type { DType, FloatArray, Matrix } from "../matrix";
import type { Scratch } from "./gemm-wasm";
import { SimdArena } from "./simd-arena";

/**
 * A convolution layer's own WebAssembly memory for its three products on one thread
 * (conv-wasm.ts), so that the patches the forward pass unrolls stay there for BP4: one
 * im2col a training step instead of two. The shared scratch memory cannot keep them, as
 * every other layer's products overwrite it in between.
 *
 * Made on the first call that asks for it (ConvOptions.keep, one key per layer), for that
 * call's batch, and made again, larger, for a larger batch up to ROOM_MAX_COLUMNS: loading
 * a model allocates nothing here. Sizes, with n = H′·W′·columns: w F·C·k·k; b (the
 * patches) C·k·k·n; a (δᵀ, or δ for BP2) and bT (δ) F·n; c (z, cols·δᵀ, wᵀ·δ)
 * max(F·n, C·k·k·n, C·k·k·F); x (the input, or ∂C/∂x) C·H·W·columns, plus F for the bias.
 */
export interface ConvRoom extends Scratch {
  /** The convolution the room was made for (a key met with another one gets a new room). */
  convolution: ConvShape;
  dtype: DType;
  columns: number;
  /** The weights, copied in; BP4 writes ∂C/∂w here on its way out. */
  w: FloatArray;
  /** The input whose patches `b` holds, or null: BP4 on that input skips its im2col. */
  patchesOf: Matrix | null;
}

/**
 * Batches up to this size get a room (training's, and evaluation's chunks of 32, which
 * grow it once); larger ones use the scratch memory.
 */
export const ROOM_MAX_COLUMNS = 32;

/** A room holds at most this many values (32 MB in float64), or there is none. */
const ROOM_MAX_VALUES = 1 << 22;

/** Each layer's room, by its key. */
const rooms = new WeakMap<object, ConvRoom>();

/**
 * The room of the layer `key` for a call on m samples, with m in its geometry; or null:
 * the call then runs in the scratch memory, and the room's patches no longer belong to the
 * layer's input (this call makes new ones elsewhere), so they are dropped.
 */
export function convRoomFor(
  key: object,
  g: ConvShape,
  m: number,
  dtype: DType,
  threads: 1 | 2,
): ConvRoom | null {
  let room = rooms.get(key);
  if (threads !== 1 || m > ROOM_MAX_COLUMNS) {
    if (room) room.patchesOf = null;
    return null;
  }
  if (!room || room.columns < m || room.dtype !== dtype || !sameConvolution(room.convolution, g)) {
    // Too large, or no WebAssembly SIMD: null, and the next call asks again (cheaply).
    const made = makeRoom(g, Math.max(m, room?.columns ?? 0), dtype);
    if (!made) return null;
    room = made;
    rooms.set(key, room);
  }
  room.geometry[9] = m;
  return room;
}

/**
 * Writes convolution `g` on m samples where conv.wat's im2col and col2im read it: input
 * C, H, W; output H′, W′; kernel size, stride, top and left padding; samples.
 */
export function writeConvGeometry(geometry: Int32Array, g: ConvShape, m: number): void {
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
}

function makeRoom(g: ConvShape, columns: number, dtype: DType): ConvRoom | null {
  const F = g.output.channels;
  const patch = patchLength(g);
  const n = outputPositions(g) * columns;
  const image = g.input.channels * g.input.height * g.input.width;
  // c holds z (F·n), wᵀ·δ (C·k·k·n) and BP4's cols·δᵀ (C·k·k·F: larger when n is small).
  const c = Math.max(Math.max(F, patch) * n, F * patch);
  const sizes = [F * patch, F * n, patch * n, F * n, c, image * columns + F];
  const values = sizes.reduce((sum, v) => sum + v, 0);
  if (values > ROOM_MAX_VALUES) return null;
  const bytes = (dtype === "float32" ? 4 : 8) * values + 64 * (sizes.length + 1) + 64; // + alignment, geometry
  const arena = SimdArena.create(bytes);
  if (!arena) return null;
  const [w, a, b, bT, cSlot, x] = sizes.map((size) => arena.floats(size, dtype));
  const geometry = arena.i32(10);
  writeConvGeometry(geometry, g, columns);
  const shape = { m: 0, n: 0, k: 0, transA: false, transB: false };
  const convolution = { ...g, input: { ...g.input }, output: { ...g.output } };
  return {
    arena,
    convolution,
    dtype,
    columns,
    w,
    a,
    b,
    bT,
    c: cSlot,
    x,
    geometry,
    shape,
    patchesOf: null,
  };
}

function sameConvolution(p: ConvShape, q: ConvShape): boolean {
  const image = (u: ConvShape["input"], v: ConvShape["input"]) =>
    u.channels === v.channels && u.height === v.height && u.width === v.width;
  return (
    image(p.input, q.input) &&
    image(p.output, q.output) &&
    p.kernelSize === q.kernelSize &&
    p.stride === q.stride &&
    p.padTop === q.padTop &&
    p.padLeft === q.padLeft
  );
}
