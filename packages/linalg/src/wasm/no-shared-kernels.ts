/**
 * What "#shared-kernels" (package.json `imports`) gives everywhere but Node: no shared-memory
 * kernels. Their only user is the kernel thread, which needs Node's worker_threads, so a
 * browser bundle carries no code to make them (kernelModule("shared") is null there, and
 * the arena runs on one thread, as it always did in browsers).
 */
export const sharedKernels: ((privateModule: Uint8Array) => Uint8Array<ArrayBuffer>) | null = null;
