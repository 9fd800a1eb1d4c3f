import { KERNELS_SHARED_WASM_BASE64, KERNELS_WASM_BASE64 } from "./kernels-binary";

/** The kernels of kernels.wat, on byte offsets into the arena's memory. */
export interface KernelExports {
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
  expandBytesF64(
    rowIndex: number,
    values: number,
    rows16: number,
    bytes: number,
    count: number,
    table: number,
  ): void;
  expandBytesF32: KernelExports["expandBytesF64"];
  momentumF64(
    w: number,
    g: number,
    v: number,
    n: number,
    mu: number,
    rate: number,
    nesterov: number,
  ): number;
  momentumF32: KernelExports["momentumF64"];
  adamF64(
    w: number,
    g: number,
    m: number,
    v: number,
    n: number,
    batchSize: number,
    beta1: number,
    beta2: number,
    oneMinusBeta1: number,
    oneMinusBeta2: number,
    correction1: number,
    correction2: number,
    eta: number,
    epsilon: number,
  ): number;
  adamF32: KernelExports["adamF64"];
  scaleF32: KernelExports["scaleF64"];
  gemmDotF32: KernelExports["gemmDotF64"];
  sparseForwardF32: KernelExports["sparseForwardF64"];
  sparseGradientF32: KernelExports["sparseGradientF64"];
  sgdRowsF32: KernelExports["sgdRowsF64"];
  sgdStepF32: KernelExports["sgdStepF64"];
}

/** The kernels a KernelThread runs, by their index there. */
export const THREAD_KERNELS = [
  "sparseForwardF64",
  "sparseForwardF32",
  "sparseGradientF64",
  "sparseGradientF32",
  "clearRows",
  "sgdRowsF64",
  "sgdRowsF32",
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
