import type { FloatArray } from "../matrix";
import { CONTROL_BYTES, KernelThread } from "./kernel-thread";
import { KERNELS_SHARED_WASM_BASE64, KERNELS_WASM_BASE64 } from "./kernels-binary";
import type { Panels } from "./panels";

/** The kernels of kernels.wat, on byte offsets into the arena's memory. */
interface KernelExports {
  sparseForwardF64(
    wT: number,
    stride: number,
    width: number,
    colStart: number,
    rowIndex: number,
    values: number,
    m: number,
    z: number,
    tmp: number,
  ): void;
  sparseGradientF64(
    gT: number,
    stride: number,
    width: number,
    colStart: number,
    rowIndex: number,
    values: number,
    m: number,
    delta: number,
    tmp: number,
  ): void;
  clearRows(g: number, rowBytes: number, widthBytes: number, rows: number, count: number): void;
  inkedRows(colStart: number, rowIndex: number, m: number, mark: number, rows: number): number;
  sgdRowsF64(
    w: number,
    g: number,
    stride: number,
    width: number,
    rows: number,
    count: number,
    rate: number,
  ): number;
  sgdStepF64(w: number, g: number, n: number, rate: number): number;
  gemmRowsF64(
    c: number,
    a: number,
    b: number,
    m: number,
    n: number,
    k: number,
    aRow: number,
    aCol: number,
  ): void;
  gemmDotF64(c: number, a: number, b: number, m: number, n: number, k: number): void;
  gemmRowsF32: KernelExports["gemmRowsF64"];
  scaleF64(x: number, n: number, factor: number): void;
  scaleF32: KernelExports["scaleF64"];
  gemmDotF32: KernelExports["gemmDotF64"];
  sparseForwardF32: KernelExports["sparseForwardF64"];
  sparseGradientF32: KernelExports["sparseGradientF64"];
  sgdRowsF32: KernelExports["sgdRowsF64"];
  sgdStepF32: KernelExports["sgdStepF64"];
}

/** The kernels a KernelThread runs, by their index there. */
const THREAD_KERNELS = [
  "sparseForwardF64",
  "sparseForwardF32",
  "sparseGradientF64",
  "sparseGradientF32",
  "clearRows",
  "sgdRowsF64",
  "sgdRowsF32",
] as const;
const ON_THREAD = Object.fromEntries(THREAD_KERNELS.map((name, i) => [name, i])) as Record<
  (typeof THREAD_KERNELS)[number],
  number
>;

/** Arenas by their memory's buffer, so a kernel can tell whether an array lives in one. */
const arenas = new WeakMap<ArrayBufferLike, SimdArena>();

const compiled: Record<"private" | "shared", WebAssembly.Module | null | undefined> = {
  private: undefined,
  shared: undefined,
};

/**
 * The compiled kernels, or null where WebAssembly SIMD (or, for "shared", shared memory)
 * is unavailable: callers then fall back to JS, or to one thread.
 */
function kernelModule(memory: "private" | "shared"): WebAssembly.Module | null {
  if (compiled[memory] === undefined) {
    try {
      const binary = atob(memory === "shared" ? KERNELS_SHARED_WASM_BASE64 : KERNELS_WASM_BASE64);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      compiled[memory] = new WebAssembly.Module(bytes);
    } catch {
      compiled[memory] = null;
    }
  }
  return compiled[memory];
}

export interface SimdArenaOptions {
  /**
   * 2 splits the first-layer kernels between this thread and a kernel thread on a shared
   * memory (Node ≥ 20.16; elsewhere the arena quietly keeps one thread: see `threads`).
   * Each hidden neuron is computed by one thread with the same operations, so the results
   * are bit-identical to one thread's. Default 1.
   */
  threads?: 1 | 2;
}

/** Rows of a gradient that may be non-zero (see setNonZeroRows). */
interface NonZeroRows {
  panels: Panels;
  rows: Int32Array;
  count: number;
}

/** A CSC sparse batch whose arrays live in an arena (see SparseColumns). */
export interface ArenaSparse {
  colStart: Int32Array;
  rowIndex: Int32Array;
  /** Float64Array for float64 kernels, Float32Array for float32 ones. */
  values: FloatArray;
}

/**
 * A fixed-size WebAssembly memory holding the arrays the SIMD kernels work on, handed out
 * as ordinary typed-array views (so JS code reads and writes them as usual). The memory
 * never grows, so the views never detach. One arena per network and batch size.
 *
 * With `threads: 2` the memory is shared with a kernel thread, and each first-layer kernel
 * on a matrix stored in two panels (see Panels) runs panel 1 there while this thread runs
 * panel 0. Call close() when done to stop the thread.
 */
export class SimdArena {
  private next = 0;
  private thread: KernelThread | null;
  private readonly nonZero = new Map<FloatArray, NonZeroRows>();

  private constructor(
    readonly memory: WebAssembly.Memory,
    /** memory.buffer, taken once: a shared memory may give a new object on every read. */
    private readonly buffer: ArrayBufferLike,
    private readonly kernels: KernelExports,
    readonly bytes: number,
    thread: KernelThread | null,
  ) {
    this.thread = thread;
    if (thread) this.next = Math.ceil(CONTROL_BYTES / 64) * 64;
  }

  /** An arena of at least `bytes` bytes, or null if this platform lacks WebAssembly SIMD. */
  static create(bytes: number, options: SimdArenaOptions = {}): SimdArena | null {
    const threads = options.threads ?? 1;
    if (threads !== 1 && threads !== 2) {
      throw new RangeError(`SimdArena: threads must be 1 or 2, got ${threads}`);
    }
    const control = threads === 2 ? CONTROL_BYTES : 0; // the kernel thread's control block
    const pages = Math.max(1, Math.ceil((bytes + control) / 65536));
    if (threads === 2) {
      const arena = SimdArena.createShared(pages);
      if (arena) return arena;
    }
    const module = kernelModule("private");
    if (!module) return null;
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    return SimdArena.register(memory, module, pages, null);
  }

  /** Two threads on a shared memory, or null where that is unavailable. */
  private static createShared(pages: number): SimdArena | null {
    const module = kernelModule("shared");
    if (!module) return null;
    let memory: WebAssembly.Memory;
    try {
      memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
    } catch {
      return null; // e.g. a browser page that is not cross-origin isolated
    }
    const thread = KernelThread.start(module, memory, 0, THREAD_KERNELS);
    return thread ? SimdArena.register(memory, module, pages, thread) : null;
  }

  private static register(
    memory: WebAssembly.Memory,
    module: WebAssembly.Module,
    pages: number,
    thread: KernelThread | null,
  ): SimdArena {
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    const buffer = memory.buffer;
    const kernels = instance.exports as unknown as KernelExports;
    const arena = new SimdArena(memory, buffer, kernels, pages * 65536, thread);
    arenas.set(buffer, arena);
    return arena;
  }

  /** The arena holding both arrays, or undefined (they are ordinary JS arrays). */
  static holding(a: ArrayBufferView, b: ArrayBufferView): SimdArena | undefined {
    const arena = arenas.get(a.buffer);
    return arena !== undefined && b.buffer === a.buffer ? arena : undefined;
  }

  /** Threads the kernels run on: 2 only while a kernel thread is running (a trap stops it). */
  get threads(): 1 | 2 {
    return this.thread?.running ? 2 : 1;
  }

  /** Stops the kernel thread, if any; the arena goes on with one thread. */
  close(): void {
    this.thread?.close();
    this.thread = null;
  }

  private take(bytes: number): number {
    const offset = this.next;
    // Each array starts on a 64-byte cache line (so threads splitting it at a line share none).
    this.next += Math.ceil(bytes / 64) * 64;
    if (this.next > this.bytes) {
      throw new RangeError(`SimdArena: ${this.bytes} bytes are used up; create the arena larger`);
    }
    return offset;
  }

  f64(length: number): Float64Array {
    return new Float64Array(this.buffer, this.take(length * 8), length);
  }

  f32(length: number): Float32Array {
    return new Float32Array(this.buffer, this.take(length * 4), length);
  }

  /** A float array of the given precision. */
  floats(length: number, dtype: "float64" | "float32"): FloatArray {
    return dtype === "float32" ? this.f32(length) : this.f64(length);
  }

  u8(length: number): Uint8Array {
    return new Uint8Array(this.buffer, this.take(length), length);
  }

  i32(length: number): Int32Array {
    return new Int32Array(this.buffer, this.take(length * 4), length);
  }

  /** Whether panel 1 goes to the kernel thread (else this thread runs both panels). */
  private shares(p: Panels): KernelThread | null {
    return p.widths[1] > 0 && this.thread?.running ? this.thread : null;
  }

  /**
   * z (h × m) = (wT)ᵀ·S with wT (k × h, input-major) stored in panels `p`:
   * z[i,j] = Σₜ wT[rₜ,i]·vₜ over column j's non-zeros. Every array must come from this
   * arena, all float64 (f64x2 lanes) or all float32 (f32x4). z (padded × m) and tmp
   * (padded) have room for the padding neurons (see Panels); z's rows ≥ h are scratch.
   */
  sparseForward(
    wT: FloatArray,
    p: Panels,
    s: ArenaSparse,
    m: number,
    z: FloatArray,
    tmp: FloatArray,
  ): void {
    this.sparseProduct("forward", wT, p, s, m, z, tmp);
  }

  /**
   * gT += S·δᵀ with δ (padded × m, its rows ≥ h kept 0) and gT (k × h) in panels `p`: BP4
   * for an input-major first layer. It adds into the rows of the batch's non-zero inputs
   * only: clear those (clearRows) before the next batch.
   */
  sparseGradient(
    gT: FloatArray,
    p: Panels,
    s: ArenaSparse,
    m: number,
    delta: FloatArray,
    tmp: FloatArray,
  ): void {
    this.sparseProduct("gradient", gT, p, s, m, delta, tmp);
  }

  /**
   * One of the two sparse products on panels p: panel 1 on the kernel thread (if running)
   * while this thread does panel 0. `byNeuron` (z or δ, padded × m) and tmp are split at
   * the same neuron as the panels.
   */
  private sparseProduct(
    product: "forward" | "gradient",
    w: FloatArray,
    p: Panels,
    s: ArenaSparse,
    m: number,
    byNeuron: FloatArray,
    tmp: FloatArray,
  ): void {
    const f32 = w instanceof Float32Array;
    const e = f32 ? 4 : 8;
    const kernels = this.kernels;
    const kernel =
      product === "forward"
        ? f32
          ? kernels.sparseForwardF32
          : kernels.sparseForwardF64
        : f32
          ? kernels.sparseGradientF32
          : kernels.sparseGradientF64;
    const onThread =
      product === "forward"
        ? f32
          ? ON_THREAD.sparseForwardF32
          : ON_THREAD.sparseForwardF64
        : f32
          ? ON_THREAD.sparseGradientF32
          : ON_THREAD.sparseGradientF64;
    const { stride, split } = p;
    const cs = s.colStart.byteOffset;
    const ri = s.rowIndex.byteOffset;
    const vs = s.values.byteOffset;
    // panel 1: its weights after panel 0's k rows; its rows of z or δ, its values of tmp
    const w1 = w.byteOffset + p.k * stride * e;
    const rows1 = byNeuron.byteOffset + split * m * e;
    const tmp1 = tmp.byteOffset + split * e;
    const thread = this.shares(p);
    if (thread) {
      const a = thread.args;
      a[0] = w1;
      a[1] = stride;
      a[2] = p.widths[1];
      a[3] = cs;
      a[4] = ri;
      a[5] = vs;
      a[6] = m;
      a[7] = rows1;
      a[8] = tmp1;
      thread.begin(onThread);
    } else if (p.widths[1] > 0) kernel(w1, stride, p.widths[1], cs, ri, vs, m, rows1, tmp1);
    try {
      kernel(w.byteOffset, stride, p.widths[0], cs, ri, vs, m, byNeuron.byteOffset, tmp.byteOffset);
    } finally {
      thread?.join(); // also when this thread's panel trapped: no call left running
    }
  }

  /** Zeroes rows rows[0 … count) of g (k × h in panels `p`). */
  clearRows(g: FloatArray, p: Panels, rows: Int32Array, count: number): void {
    const e = g.BYTES_PER_ELEMENT;
    const { stride, split } = p;
    const g1 = g.byteOffset + p.k * stride * e;
    const thread = this.shares(p);
    if (thread) {
      const a = thread.args;
      a[0] = g1;
      a[1] = stride * e;
      a[2] = p.widths[1] * e;
      a[3] = rows.byteOffset;
      a[4] = count;
      thread.begin(ON_THREAD.clearRows);
    } else if (p.widths[1] > 0) {
      this.kernels.clearRows(g1, stride * e, p.widths[1] * e, rows.byteOffset, count);
    }
    try {
      this.kernels.clearRows(g.byteOffset, stride * e, p.widths[0] * e, rows.byteOffset, count);
    } finally {
      thread?.join(); // also when this thread's panel trapped: no call left running
    }
  }

  /**
   * rows[0 …) ← the distinct rows of the batch's non-zeros (its inked pixels), in order of
   * first appearance; returns how many. mark: k bytes from this arena, all 0 (left so).
   */
  inkedRows(s: ArenaSparse, m: number, mark: Uint8Array, rows: Int32Array): number {
    return this.kernels.inkedRows(
      s.colStart.byteOffset,
      s.rowIndex.byteOffset,
      m,
      mark.byteOffset,
      rows.byteOffset,
    );
  }

  /**
   * Declares that g (k × h in panels `p`) is zero outside rows rows[0 … count) (the pixels
   * a batch inked), so that sgdStep(w, g) updates only those rows: w − rate·0 = w
   * elsewhere, so the result is the same. Holds until sgdStep consumes g or the next call.
   */
  setNonZeroRows(g: FloatArray, p: Panels, rows: Int32Array, count: number): void {
    const entry = this.nonZero.get(g);
    if (entry) {
      entry.panels = p;
      entry.rows = rows;
      entry.count = count;
    } else this.nonZero.set(g, { panels: p, rows, count });
  }

  /** Zeroes the rows of g still declared non-zero (none if sgdStep consumed them). */
  clearNonZeroRows(g: FloatArray): void {
    const entry = this.nonZero.get(g);
    if (!entry || entry.count === 0) return;
    this.clearRows(g, entry.panels, entry.rows, entry.count);
    entry.count = 0;
  }

  /**
   * w ← w − rate·g (the seed's update) with SIMD lanes; returns false if an updated w is NaN
   * or ±∞. The same roundings as the JS loop in each lane, so the same values (in float32,
   * rate is rounded to float32 first, as a Float32Array loop would not do: within 1 ulp).
   * Where g has non-zero rows declared (setNonZeroRows), only those rows are updated, and g
   * is consumed: zeroed there as the update goes, so it is all 0 afterwards.
   */
  sgdStep(w: FloatArray, g: FloatArray, rate: number): boolean {
    const f32 = w instanceof Float32Array;
    const nonZero = this.nonZero.get(g);
    if (!nonZero) {
      const kernel = f32 ? this.kernels.sgdStepF32 : this.kernels.sgdStepF64;
      return kernel(w.byteOffset, g.byteOffset, w.length, rate) === 0;
    }
    const kernel = f32 ? this.kernels.sgdRowsF32 : this.kernels.sgdRowsF64;
    const { panels: p, count } = nonZero;
    const { stride, split } = p;
    const list = nonZero.rows.byteOffset;
    const e = f32 ? 4 : 8;
    const w1 = w.byteOffset + p.k * stride * e;
    const g1 = g.byteOffset + p.k * stride * e;
    const thread = this.shares(p);
    let other = 0;
    if (thread) {
      const a = thread.args;
      a[0] = w1;
      a[1] = g1;
      a[2] = stride;
      a[3] = p.widths[1];
      a[4] = list;
      a[5] = count;
      a[6] = rate;
      thread.begin(f32 ? ON_THREAD.sgdRowsF32 : ON_THREAD.sgdRowsF64);
    } else if (p.widths[1] > 0) other = kernel(w1, g1, stride, p.widths[1], list, count, rate);
    let here: number;
    try {
      here = kernel(w.byteOffset, g.byteOffset, stride, p.widths[0], list, count, rate);
    } finally {
      if (thread) other = thread.join();
    }
    nonZero.count = 0; // consumed: g is 0 everywhere now
    return here === 0 && other === 0;
  }

  /**
   * C (m × n) += op(A)·B with B (k × n): the NN and TN products, op(A)[i,p] = a[i·aRow +
   * p·aCol]. All three arrays from this arena, of one precision.
   */
  gemmRows(
    c: FloatArray,
    a: FloatArray,
    b: FloatArray,
    m: number,
    n: number,
    k: number,
    aRow: number,
    aCol: number,
  ): void {
    const kernel = c instanceof Float32Array ? this.kernels.gemmRowsF32 : this.kernels.gemmRowsF64;
    kernel(c.byteOffset, a.byteOffset, b.byteOffset, m, n, k, aRow, aCol);
  }

  /** C (m × n) += A·Bᵀ with A (m × k) and B (n × k): the NT product, as dot products of rows. */
  gemmDot(c: FloatArray, a: FloatArray, b: FloatArray, m: number, n: number, k: number): void {
    const kernel = c instanceof Float32Array ? this.kernels.gemmDotF32 : this.kernels.gemmDotF64;
    kernel(c.byteOffset, a.byteOffset, b.byteOffset, m, n, k);
  }

  /** x ← factor·x (L2 weight decay), lane by lane: the same roundings as the JS loop in float64. */
  scale(x: FloatArray, factor: number): void {
    const kernel = x instanceof Float32Array ? this.kernels.scaleF32 : this.kernels.scaleF64;
    kernel(x.byteOffset, x.length, factor);
  }
}
