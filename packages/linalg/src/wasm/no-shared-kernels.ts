/**
 * What "#shared-kernels" (package.json `imports`) gives everywhere but Node: no shared-memory
 * kernels. Their only user is the kernel thread, which needs Node's worker_threads, so a
 * browser bundle never carries the 15 kB module (kernelModule("shared") is null there, and
 * the arena runs on one thread, as it always did in browsers).
 */
export const KERNELS_SHARED_WASM_BASE64: string | null = null;
