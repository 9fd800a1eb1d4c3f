import type { FloatArray } from "../matrix";
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
  sparseForwardF32: KernelExports["sparseForwardF64"];
  sparseGradientF32: KernelExports["sparseGradientF64"];
  sgdStepF32: KernelExports["sgdStepF64"];
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
  /** Float64Array for float64 kernels, Float32Array for float32 ones. */
  values: FloatArray;
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

  f32(length: number): Float32Array {
    return new Float32Array(this.memory.buffer, this.take(length * 4), length);
  }

  /** A float array of the given precision. */
  floats(length: number, dtype: "float64" | "float32"): FloatArray {
    return dtype === "float32" ? this.f32(length) : this.f64(length);
  }

  i32(length: number): Int32Array {
    return new Int32Array(this.memory.buffer, this.take(length * 4), length);
  }

  /**
   * z (h × m) = (wT)ᵀ·S with wT stored k × h (input-major): z[i,j] = Σₜ wT[rₜ,i]·vₜ over
   * column j's non-zeros. Every array must come from this arena, all float64 (f64x2 lanes)
   * or all float32 (f32x4); tmp holds h values.
   */
  sparseForward(
    wT: FloatArray,
    h: number,
    s: ArenaSparse,
    m: number,
    z: FloatArray,
    tmp: FloatArray,
  ): void {
    const kernel =
      wT instanceof Float32Array ? this.kernels.sparseForwardF32 : this.kernels.sparseForwardF64;
    kernel(
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

  /** gT (k × h) = S·δᵀ with δ (h × m): BP4 for an input-major first layer. Clears gT first. */
  sparseGradient(
    gT: FloatArray,
    h: number,
    k: number,
    s: ArenaSparse,
    m: number,
    delta: FloatArray,
    tmp: FloatArray,
  ): void {
    const kernel =
      gT instanceof Float32Array ? this.kernels.sparseGradientF32 : this.kernels.sparseGradientF64;
    kernel(
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

  /**
   * w ← w − rate·g (the seed's update) with SIMD lanes; returns false if an updated w is NaN
   * or ±∞. The same roundings as the JS loop in each lane, so the same values (in float32,
   * rate is rounded to float32 first, as a Float32Array loop would not do: within 1 ulp).
   */
  sgdStep(w: FloatArray, g: FloatArray, rate: number): boolean {
    const kernel = w instanceof Float32Array ? this.kernels.sgdStepF32 : this.kernels.sgdStepF64;
    return kernel(w.byteOffset, g.byteOffset, w.length, rate) === 0;
  }
}
