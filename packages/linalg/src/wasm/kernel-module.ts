import {
  GEMM_FMA_WASM_BASE64,
  KERNELS_SHARED_WASM_BASE64,
  KERNELS_WASM_BASE64,
} from "./kernels-binary";

export type { KernelExports } from "./kernel-exports";

/** The kernels a KernelThread runs, by their index there. */
export const THREAD_KERNELS = [
  "sparseForwardF64",
  "sparseForwardF32",
  "sparseGradientF64",
  "sparseGradientF32",
  "clearRows",
  "sgdRowsF64",
  "sgdRowsF32",
  "gemmRowsF64",
  "gemmRowsF32",
  "gemmDotF64",
  "gemmDotF32",
  "gemmDotColumnsF64",
  "gemmDotColumnsF32",
] as const;
export const ON_THREAD = Object.fromEntries(THREAD_KERNELS.map((name, i) => [name, i])) as Record<
  (typeof THREAD_KERNELS)[number],
  number
>;

type Variant = "private" | "shared" | "fma";

const BINARIES: Record<Variant, string> = {
  private: KERNELS_WASM_BASE64,
  shared: KERNELS_SHARED_WASM_BASE64,
  fma: GEMM_FMA_WASM_BASE64,
};

const compiled: Record<Variant, WebAssembly.Module | null | undefined> = {
  private: undefined,
  shared: undefined,
  fma: undefined,
};

/**
 * The compiled kernels, or null where WebAssembly SIMD (or, for "shared", shared memory;
 * for "fma", the dense products with fused multiply-add, relaxed SIMD: Node ≥ 22, Chrome ≥
 * 114, Node 20 with --experimental-wasm-relaxed-simd) is unavailable: callers then fall
 * back to JS, to one thread, or to the unfused kernels.
 */
export function kernelModule(variant: Variant): WebAssembly.Module | null {
  const memory = variant;
  if (compiled[memory] === undefined) {
    try {
      const binary = atob(BINARIES[memory]);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      compiled[memory] = new WebAssembly.Module(bytes);
    } catch {
      compiled[memory] = null;
    }
  }
  return compiled[memory];
}
