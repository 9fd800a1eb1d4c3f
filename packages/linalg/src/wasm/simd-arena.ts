import type { FastRuleSettings } from "../kernels/update-rules";
import type { FloatArray } from "../matrix";
import { type DenseProduct, DOT_COLUMNS_MAX_K, runDenseProduct } from "./gemm-split";
import { type KernelExports, kernelModule, THREAD_KERNELS } from "./kernel-module";
import { CONTROL_BYTES, KernelThread } from "./kernel-thread";
import { clearRowsOnPanels, sgdRowsOnPanels, sparseProductOnPanels } from "./panel-kernels";
import type { Panels } from "./panels";
import { ThreadChooser } from "./thread-chooser";

export interface SimdArenaOptions {
  /**
   * 2 splits the first-layer kernels between this thread and a kernel thread on a shared
   * memory (Node ≥ 20.16; elsewhere the arena keeps one thread: see `threads`). "auto"
   * starts the kernel thread and uses it for the batches where it measures faster (see
   * ThreadChooser). Each hidden neuron is computed by one thread with the same operations,
   * so the results are bit-identical to one thread's whatever is chosen. Default 1.
   */
  threads?: 1 | 2 | "auto";
  /**
   * Told, in one line, when a kernel thread was asked for but cannot start (the arena then
   * goes on with one thread at once). Default: console.warn.
   */
  onNotice?: (message: string) => void;
}

/** Rows of a gradient that may be non-zero (see setNonZeroRows). */
interface NonZeroRows {
  panels: Panels;
  rows: Int32Array;
  count: number;
}

/** op(A) (m × k) · op(B) (k × n): the shape of a dense product (see SimdArena.gemm). */
export interface GemmShape {
  m: number;
  n: number;
  k: number;
  transA: boolean;
  transB: boolean;
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
  /** "auto"'s chooser (null for a fixed count), and whether this batch uses the thread. */
  private chooser: ThreadChooser | null = null;
  private useThread = true;
  private onNotice: (message: string) => void = (message) => console.warn(message);
  private readonly nonZero = new Map<FloatArray, NonZeroRows>();
  private fused: KernelExports | null | undefined;
  private readonly product: DenseProduct = {
    kind: "rows",
    f32: false,
    c: 0,
    a: 0,
    b: 0,
    bT: 0,
    m: 0,
    n: 0,
    k: 0,
    aRow: 0,
    aCol: 0,
  };

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
    if (threads !== 1 && threads !== 2 && threads !== "auto") {
      throw new RangeError(`SimdArena: threads must be 1, 2 or "auto", got ${threads}`);
    }
    const control = threads !== 1 ? CONTROL_BYTES : 0; // the kernel thread's control block
    const pages = Math.max(1, Math.ceil((bytes + control) / 65536));
    if (threads !== 1) {
      const arena = SimdArena.createShared(pages);
      if (arena) {
        if (options.onNotice) arena.onNotice = options.onNotice;
        // Asked for 2, wait for the thread (about 25 ms; at most 2 s if it cannot start);
        // "auto" starts on one thread and measures once the other is up.
        if (threads === "auto") arena.chooser = new ThreadChooser();
        else arena.awaitThread();
        return arena;
      }
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
    return new SimdArena(memory, buffer, kernels, pages * 65536, thread);
  }

  /**
   * The kernels' exports, called on this arena's byte offsets, for kernels that need no
   * thread (conv-wasm.ts, elementwise-wasm.ts). Pointers must lie inside this arena.
   */
  get kernelExports(): KernelExports {
    return this.kernels;
  }

  /**
   * Threads the kernels run on: 2 while a kernel thread is ready and in use ("auto": chosen
   * by measurement so far); 1 while it starts, after it stopped (a trap), or if it never started.
   */
  get threads(): 1 | 2 {
    if (this.thread?.state !== "ready") return 1;
    return this.chooser ? this.chooser.threads : 2;
  }

  /**
   * Waits (blocking, up to 2 s) until a kernel thread asked for has started, so that the
   * next call uses it: for tests and benchmarks. Training does not wait: it runs on one
   * thread until the other is ready. Returns the threads now available.
   */
  awaitThread(): 1 | 2 {
    if (!this.thread) return 1;
    if (this.thread.awaitStart() === "ready") return 2;
    this.threadFailed();
    return 1;
  }

  private threadFailed(): void {
    this.thread = null;
    this.onNotice(
      "backprop: the second kernel thread did not start; training goes on with one thread",
    );
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

  u16(length: number): Uint16Array {
    return new Uint16Array(this.buffer, this.take(length * 2), length);
  }

  i32(length: number): Int32Array {
    return new Int32Array(this.buffer, this.take(length * 4), length);
  }

  /** Whether panel 1 goes to the kernel thread (else this thread runs both panels). */
  private shares(p: Panels): KernelThread | null {
    return p.widths[1] === 0 ? null : this.threadInUse();
  }

  /** The kernel thread if it is ready and in use for this batch ("auto" may say not). */
  private threadInUse(): KernelThread | null {
    const thread = this.thread;
    if (!thread || !this.useThread) return null;
    const state = thread.state;
    if (state === "ready") return thread;
    if (state === "failed") {
      if (thread.everReady)
        this.thread = null; // stopped after a trap: already reported
      else this.threadFailed();
    }
    return null;
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
    // Each batch starts with this product: "auto" times batches from here and picks.
    if (this.chooser && this.thread?.state === "ready") {
      this.useThread = this.chooser.nextBatch() === 2;
    }
    sparseProductOnPanels(this.kernels, this.shares(p), "forward", wT, p, s, m, z, tmp);
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
    sparseProductOnPanels(this.kernels, this.shares(p), "gradient", gT, p, s, m, delta, tmp);
  }

  /** Zeroes rows rows[0 … count) of g (k × h in panels `p`). */
  clearRows(g: FloatArray, p: Panels, rows: Int32Array, count: number): void {
    clearRowsOnPanels(this.kernels, this.shares(p), g, p, rows, count);
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
    const finite = sgdRowsOnPanels(this.kernels, this.shares(nonZero.panels), w, g, nonZero, rate);
    nonZero.count = 0; // consumed: g is 0 everywhere now
    return finite;
  }

  /**
   * C (m × n) += op(A)·op(B) (op(A) m × k, op(B) k × n), all arrays from this arena in one
   * precision: NN and TN by gemmRows, NT by dot products of rows or, for k up to
   * DOT_COLUMNS_MAX_K, along C's rows on bT = Bᵀ, which this fills (room for k·n values;
   * null is fine for NN and TN). With a kernel thread in use, large products are split
   * between the threads (gemm-split.ts), bit-identically. Aᵀ·Bᵀ is not supported.
   */
  gemm(
    c: FloatArray,
    a: FloatArray,
    b: FloatArray,
    bT: FloatArray | null,
    shape: GemmShape,
    fused = false,
  ): void {
    const { m, n, k, transA, transB } = shape;
    // One product description, refilled each call: training calls this per layer and batch.
    const p = this.product;
    p.kind = "rows";
    p.f32 = c instanceof Float32Array;
    p.b = b.byteOffset;
    if (transB && bT && p.f32) {
      // float32 A·Bᵀ as A·(Bᵀ) on a transposed copy, by gemmRows: measured here, 1000×1000
      // at batch 10 went from 9.5 to 24 GFLOP/s, 40×500×640 (a conv's BP4) from 15.7 to 26,
      // and only m ≤ 10 with long rows lost (10×1000×10: 7.3 → 6.2). float64 keeps the dot
      // products, whose order of summation is the JS loops' (bit for bit); float32's never was.
      this.transpose(b, bT, n, k);
      p.b = bT.byteOffset;
    } else if (transB) {
      p.kind = bT && k <= DOT_COLUMNS_MAX_K ? "dotColumns" : "dot";
      if (p.kind === "dotColumns") this.transpose(b, bT as FloatArray, n, k);
    }
    p.c = c.byteOffset;
    p.a = a.byteOffset;
    p.bT = bT?.byteOffset ?? 0;
    p.m = m;
    p.n = n;
    p.k = k;
    p.aRow = transA ? 1 : k;
    p.aCol = transA ? m : 1;
    // The fused kernels are a module of their own, which the kernel thread does not load.
    const fma = fused ? this.fusedKernels() : null;
    runDenseProduct(fma ?? this.kernels, fma ? null : this.threadInUse(), p);
  }

  /** C (m × n) += A·Bᵀ by dot products of rows, on this thread (for tests). */
  gemmDot(c: FloatArray, a: FloatArray, b: FloatArray, m: number, n: number, k: number): void {
    const kernel = c instanceof Float32Array ? this.kernels.gemmDotF32 : this.kernels.gemmDotF64;
    kernel(c.byteOffset, a.byteOffset, b.byteOffset, m, n, k, n);
  }

  /**
   * The same product along C's rows on bT = Bᵀ, on this thread (for tests): the same
   * values as gemmDot (the same partial sums in the same order).
   */
  gemmDotColumns(
    c: FloatArray,
    a: FloatArray,
    b: FloatArray,
    bT: FloatArray,
    m: number,
    n: number,
    k: number,
  ): void {
    const kernel =
      c instanceof Float32Array ? this.kernels.gemmDotColumnsF32 : this.kernels.gemmDotColumnsF64;
    kernel(c.byteOffset, a.byteOffset, b.byteOffset, bT.byteOffset, m, n, k, n);
  }

  /**
   * gemm.wat's kernels with fused multiply-add on this arena's memory, or null where the
   * engine lacks relaxed SIMD (or the memory is shared: the module imports a private one).
   */
  private fusedKernels(): KernelExports | null {
    if (this.fused === undefined) {
      const shared =
        typeof SharedArrayBuffer !== "undefined" && this.buffer instanceof SharedArrayBuffer;
      const module = shared ? null : kernelModule("fma");
      this.fused = module
        ? (new WebAssembly.Instance(module, { env: { memory: this.memory } })
            .exports as unknown as KernelExports)
        : null;
    }
    return this.fused;
  }

  /** bT (k × n) = Bᵀ for B (n × k). */
  transpose(b: FloatArray, bT: FloatArray, n: number, k: number): void {
    const kernel =
      b instanceof Float32Array ? this.kernels.transposeF32 : this.kernels.transposeF64;
    kernel(b.byteOffset, bT.byteOffset, n, k);
  }

  /** x ← factor·x (L2 weight decay), lane by lane: the same roundings as the JS loop in float64. */
  scale(x: FloatArray, factor: number): void {
    const kernel = x instanceof Float32Array ? this.kernels.scaleF32 : this.kernels.scaleF64;
    kernel(x.byteOffset, x.length, factor);
  }

  /**
   * s.rowIndex[t] ← rows16[t] and s.values[t] ← table[bytes[t]] for t < count: a batch of
   * byte images (ByteColumns, copied here) widened to the kernels' form. table: 256 values
   * (v / 255 in the precision of s.values); s.colStart is the caller's to copy.
   */
  expandBytes(
    s: ArenaSparse,
    rows16: Uint16Array,
    bytes: Uint8Array,
    count: number,
    table: FloatArray,
  ): void {
    const kernel =
      s.values instanceof Float32Array ? this.kernels.expandBytesF32 : this.kernels.expandBytesF64;
    kernel(
      s.rowIndex.byteOffset,
      s.values.byteOffset,
      rows16.byteOffset,
      bytes.byteOffset,
      count,
      table.byteOffset,
    );
  }

  /**
   * Momentum's update (optimizers' momentum.ts) on w and g of this arena with its velocity
   * v (float64, from this arena too): the JS loop's values. False if a w is not finite.
   */
  momentumStep(
    w: FloatArray,
    g: FloatArray,
    v: Float64Array,
    mu: number,
    rate: number,
    nesterov: boolean,
  ): boolean {
    const kernel = w instanceof Float32Array ? this.kernels.momentumF32 : this.kernels.momentumF64;
    const check = kernel(
      w.byteOffset,
      g.byteOffset,
      v.byteOffset,
      w.length,
      mu,
      rate,
      nesterov ? 1 : 0,
    );
    return check === 0;
  }

  /** Adam's update (optimizers' adam.ts), moments m and v float64 in this arena; as momentumStep. */
  adamStep(
    w: FloatArray,
    g: FloatArray,
    m: Float64Array,
    v: Float64Array,
    o: FastRuleSettings["adam"],
  ): boolean {
    const kernel = w instanceof Float32Array ? this.kernels.adamF32 : this.kernels.adamF64;
    const check = kernel(
      w.byteOffset,
      g.byteOffset,
      m.byteOffset,
      v.byteOffset,
      w.length,
      o.batchSize,
      o.beta1,
      o.beta2,
      1 - o.beta1,
      1 - o.beta2,
      o.correction1,
      o.correction2,
      o.eta,
      o.epsilon,
    );
    return check === 0;
  }
}
