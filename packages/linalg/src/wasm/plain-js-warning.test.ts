import { afterEach, describe, expect, it, vi } from "vitest";

/**
 * A page whose Content-Security-Policy lacks 'wasm-unsafe-eval': Chrome refuses to compile
 * WebAssembly there. Simulated by a WebAssembly whose Module constructor throws what Chrome
 * throws, with fresh module instances (vi.resetModules) so nothing compiled earlier is reused.
 */
const CSP_ERROR =
  "WebAssembly.Module(): Refused to compile or instantiate WebAssembly module because 'unsafe-eval' is not an allowed source of script in the following Content Security Policy directive: \"script-src 'self'\"";

const { CompileError, Instance, Memory } = WebAssembly;

class RefusingModule {
  constructor() {
    throw new CompileError(CSP_ERROR);
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  vi.resetModules();
});

describe("when WebAssembly cannot be compiled", () => {
  it("training's kernels fall back to JS with one console.warn naming the CSP fix", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    vi.stubGlobal("WebAssembly", { Module: RefusingModule, Instance, Memory, CompileError });
    vi.resetModules();
    const { createSparseLayer, gemmInto, Matrix, Rng } = await import("../index");
    const rng = new Rng(1);
    const w = Matrix.fromFlat(30, 64, rng.fillNormal(new Float64Array(30 * 64)));
    const a = Matrix.fromFlat(64, 40, rng.fillNormal(new Float64Array(64 * 40)));
    for (let round = 0; round < 3; round++) {
      const layer = createSparseLayer(w, 10, { threads: round === 2 ? 2 : 1 });
      expect(layer.kernels).toBe("js");
      layer.close();
      gemmInto(Matrix.zeros(30, 40), w, a); // 48,000 multiply-adds: would run in WebAssembly
    }
    expect(warn).toHaveBeenCalledTimes(1);
    const message = String(warn.mock.calls[0][0]);
    expect(message).toContain("plain JS");
    expect(message).toContain("2–4× slower");
    expect(message).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(message).toContain("Refused to compile"); // the engine's own reason
  });

  it("says nothing where WebAssembly works", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const { createSparseLayer, Matrix } = await import("../index");
    const layer = createSparseLayer(Matrix.zeros(30, 64), 10, { threads: 1 });
    expect(layer.kernels).toBe("wasm");
    layer.close();
    expect(warn).not.toHaveBeenCalled();
  });
});
