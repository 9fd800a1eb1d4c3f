// "#shared-kernels" is shared-kernels.ts under Node and no-shared-kernels.ts (null)
// elsewhere (the `imports` field of package.json), so browser bundles leave that module out.
import { sharedKernels } from "#shared-kernels";
import { GEMM_FMA_WASM_BASE64 } from "./gemm-fma-binary";
import { KERNELS_WASM_BASE64 } from "./kernels-binary";
import { warnKernelsRunInPlainJs } from "./plain-js-warning";

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

/** Each module's bytes, or null where this platform's bundle has no way to make them. */
const BINARIES: Record<Variant, () => Uint8Array<ArrayBuffer> | null> = {
  private: () => bytesOf(KERNELS_WASM_BASE64),
  shared: () => (sharedKernels ? sharedKernels(bytesOf(KERNELS_WASM_BASE64)) : null),
  fma: () => bytesOf(GEMM_FMA_WASM_BASE64),
};

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

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
  if (compiled[variant] === undefined) {
    compiled[variant] = compile(BINARIES[variant], variant === "private");
  }
  return compiled[variant];
}

/**
 * The module, or null where this platform's bundle cannot make it or this engine rejects it. Without the
 * `essential` one ("private": every fast kernel) training runs plain JS, which is worth one
 * warning; the others only add threads or fused multiply-adds.
 */
function compile(
  binary: () => Uint8Array<ArrayBuffer> | null,
  essential: boolean,
): WebAssembly.Module | null {
  // Outside the try: a shared module that cannot be made from the private one is our bug
  // (a test compares the two), to be reported, not a missing engine feature to work around.
  const bytes = binary();
  if (bytes === null) return null;
  try {
    return new WebAssembly.Module(bytes);
  } catch (error) {
    if (essential) warnKernelsRunInPlainJs(error);
    return null;
  }
}

/** A kernel export as JS sees it: numbers in, a number (or nothing) out. */
export type AnyKernel = (...args: number[]) => number | undefined;

/**
 * Calls a kernel with exactly its number of parameters, taken from `a` (a WebAssembly
 * export called with more arguments than it declares may leave V8's specialised
 * JS-to-WebAssembly wrapper). Returns its result, 0 for none.
 */
export function callKernel(kernel: AnyKernel, a: Float64Array): number {
  switch (kernel.length) {
    case 5:
      return kernel(a[0], a[1], a[2], a[3], a[4]) ?? 0;
    case 7:
      return kernel(a[0], a[1], a[2], a[3], a[4], a[5], a[6]) ?? 0;
    case 8:
      return kernel(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]) ?? 0;
    case 9:
      return kernel(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8]) ?? 0;
    default:
      return kernel(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10]) ?? 0;
  }
}
