/**
 * Training quietly 2–4× slower is a bug report waiting to happen, so when the WebAssembly
 * kernels cannot be compiled and the JS kernels take over, say so once (per process, or per
 * page), with the usual cause in a browser: a Content-Security-Policy without
 * 'wasm-unsafe-eval' (Chrome and Firefox refuse to compile WebAssembly under a script-src that
 * lacks it). The results are the same either way: only the speed differs.
 */
export const CSP_FOR_WASM = "script-src 'self' 'wasm-unsafe-eval'";

let warned = false;

/** console.warn, the first time only: the kernels run in plain JS because compiling failed with `error`. */
export function warnKernelsRunInPlainJs(error: unknown): void {
  if (warned) return;
  warned = true;
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  console.warn(
    `@backprop/linalg: WebAssembly is unavailable here (${reason}), so the kernels run in ` +
      "plain JS: training epochs are about 2–4× slower (same results). In a web page, the " +
      `Content-Security-Policy must allow WebAssembly: ${CSP_FOR_WASM}.`,
  );
}
