import { KERNELS_SHARED_WASM_BASE64, KERNELS_WASM_BASE64 } from "./kernels-binary";

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

const compiled: Record<"private" | "shared", WebAssembly.Module | null | undefined> = {
  private: undefined,
  shared: undefined,
};

/**
 * The compiled kernels, or null where WebAssembly SIMD (or, for "shared", shared memory)
 * is unavailable: callers then fall back to JS, or to one thread.
 */
export function kernelModule(memory: "private" | "shared"): WebAssembly.Module | null {
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
