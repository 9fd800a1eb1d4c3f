import { KERNELS_WASM_BASE64 } from "./kernels-binary";

/** The kernels of kernels.wat, on byte offsets into the arena's memory. */
interface KernelExports {
  sparseForwardF64(
    wT: number,
    h: number,
    colStart: number,
    rowIndex: number,
    values: number,
    m: number,
    z: number,
    tmp: number,
  ): void;
  sparseGradientF64(
    gT: number,
    h: number,
    k: number,
    colStart: number,
    rowIndex: number,
    values: number,
    m: number,
    delta: number,
    tmp: number,
  ): void;
  sgdStepF64(w: number, g: number, n: number, rate: number): number;
}

/** Arenas by their memory's buffer, so a kernel can tell whether an array lives in one. */
const arenas = new WeakMap<ArrayBufferLike, SimdArena>();

let compiled: WebAssembly.Module | null | undefined;

/** The compiled kernels, or null where WebAssembly SIMD is unavailable (callers fall back to JS). */
function kernelModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      const binary = atob(KERNELS_WASM_BASE64);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      compiled = new WebAssembly.Module(bytes);
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/** A CSC sparse batch whose arrays live in an arena (see SparseColumns). */
export interface ArenaSparse {
  colStart: Int32Array;
  rowIndex: Int32Array;
  values: Float64Array;
}

/**
 * A fixed-size WebAssembly memory holding the arrays the SIMD kernels work on, handed out
 * as ordinary typed-array views (so JS code reads and writes them as usual). The memory
 * never grows, so the views never detach. One arena per network and batch size.
 */
export class SimdArena {
  private next = 0;

  private constructor(
    readonly memory: WebAssembly.Memory,
    private readonly kernels: KernelExports,
    readonly bytes: number,
  ) {}

  /** An arena of at least `bytes` bytes, or null if this platform lacks WebAssembly SIMD. */
  static create(bytes: number): SimdArena | null {
    const module = kernelModule();
    if (!module) return null;
    const pages = Math.max(1, Math.ceil(bytes / 65536));
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    const arena = new SimdArena(
      memory,
      instance.exports as unknown as KernelExports,
      pages * 65536,
    );
    arenas.set(memory.buffer, arena);
    return arena;
  }

  /** The arena holding both arrays, or undefined (they are ordinary JS arrays). */
  static holding(a: ArrayBufferView, b: ArrayBufferView): SimdArena | undefined {
    const arena = arenas.get(a.buffer);
    return arena !== undefined && b.buffer === a.buffer ? arena : undefined;
  }

  private take(bytes: number): number {
    const offset = this.next;
    this.next += Math.ceil(bytes / 16) * 16; // 16-byte aligned for v128 loads
    if (this.next > this.bytes) {
      throw new RangeError(`SimdArena: ${this.bytes} bytes are used up; create the arena larger`);
    }
    return offset;
  }

  f64(length: number): Float64Array {
    return new Float64Array(this.memory.buffer, this.take(length * 8), length);
  }

  i32(length: number): Int32Array {
    return new Int32Array(this.memory.buffer, this.take(length * 4), length);
  }

  /**
   * z (h × m) = (wT)ᵀ·S with wT stored k × h (input-major): z[i,j] = Σₜ wT[rₜ,i]·vₜ over
   * column j's non-zeros. Every array must come from this arena; tmp holds h values.
   */
  sparseForward(
    wT: Float64Array,
    h: number,
    s: ArenaSparse,
    m: number,
    z: Float64Array,
    tmp: Float64Array,
  ): void {
    this.kernels.sparseForwardF64(
      wT.byteOffset,
      h,
      s.colStart.byteOffset,
      s.rowIndex.byteOffset,
      s.values.byteOffset,
      m,
      z.byteOffset,
      tmp.byteOffset,
    );
  }

  /**
   * w ← w − rate·g (the seed's update), SIMD; returns false if an updated w is NaN or ±∞.
   * Same values as the JS loop: each lane does the same two roundings.
   */
  sgdStep(w: Float64Array, g: Float64Array, rate: number): boolean {
    return this.kernels.sgdStepF64(w.byteOffset, g.byteOffset, w.length, rate) === 0;
  }

  /** gT (k × h) = S·δᵀ with δ (h × m): BP4 for an input-major first layer. Clears gT first. */
  sparseGradient(
    gT: Float64Array,
    h: number,
    k: number,
    s: ArenaSparse,
    m: number,
    delta: Float64Array,
    tmp: Float64Array,
  ): void {
    this.kernels.sparseGradientF64(
      gT.byteOffset,
      h,
      k,
      s.colStart.byteOffset,
      s.rowIndex.byteOffset,
      s.values.byteOffset,
      m,
      delta.byteOffset,
      tmp.byteOffset,
    );
  }
}
