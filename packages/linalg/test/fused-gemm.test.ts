import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * kernel: "fma" (relaxed SIMD). Node 20 has it only behind a flag, so the same script runs
 * in two Node processes from the built package: with the flag the products must be fused
 * (some values differ from the default kernels) and still right; without, "fma" must fall
 * back to the default kernels exactly.
 */
const script = fileURLToPath(new URL("./fused-gemm.mjs", import.meta.url));
const dist = fileURLToPath(new URL("../dist/index.js", import.meta.url));

function run(flags: string[]) {
  const out = execFileSync(process.execPath, [...flags, script], { encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").at(-1) ?? "{}");
}

describe('gemm with kernel: "fma"', () => {
  it("with relaxed SIMD: fused (rounded once), within 1e-13 of the naive loop", () => {
    expect(existsSync(dist), "build first: pnpm build").toBe(true);
    const fused = run(["--experimental-wasm-relaxed-simd"]);
    expect(fused.available).toBe(true);
    expect(fused.differ).toBeGreaterThan(0);
    expect(fused.worst).toBeLessThan(1e-13);
  });

  it("without: the default kernels, value for value", () => {
    const plain = run([]);
    // Node 20 has no relaxed SIMD unflagged; a newer Node has it, and is checked above.
    if (plain.available) return expect(plain.differ).toBeGreaterThan(0);
    expect(plain.differ).toBe(0);
    expect(plain.worst).toBeLessThan(1e-13);
  });
});
