/**
 * `pnpm bench` (linalg): GFLOP/s of gemm on the dense products of the training benchmark's
 * networks, beside numpy (OpenBLAS, 1 thread) on the same shapes in the same run, and the
 * register-only ceiling of our micro-kernel's block (register-ceiling.ts). Two columns for
 * ours: gemmInto as training calls it (operands copied into WebAssembly memory and the
 * result out) and the kernel alone on operands already there. Medians of repeated timings;
 * compare ratios within one run, not seconds across machines.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { type DType, gemmInto, Matrix, Rng } from "../src/index";
import { SimdArena } from "../src/wasm/simd-arena";
import { registerCeiling } from "./register-ceiling";

/** op(A) (m × k) · op(B) (k × n). */
interface Product {
  name: string;
  m: number;
  n: number;
  k: number;
  transA: boolean;
  transB: boolean;
}

/** The three products of a dense layer `inputs → outputs` on a batch of `batch` samples. */
function layerProducts(inputs: number, outputs: number, batch: number): Product[] {
  const w = `${outputs}×${inputs}`;
  return [
    {
      name: `w·a   ${w}, b${batch}`,
      m: outputs,
      n: batch,
      k: inputs,
      transA: false,
      transB: false,
    },
    { name: `wᵀ·δ  ${w}, b${batch}`, m: inputs, n: batch, k: outputs, transA: true, transB: false },
    { name: `δ·aᵀ  ${w}, b${batch}`, m: outputs, n: inputs, k: batch, transA: false, transB: true },
  ];
}

// The dense layers (all but the first, which is sparse) of pnpm bench's training rows.
const products = [
  ...layerProducts(30, 10, 10), // 784-30-10, batch 10 (the seed's)
  ...layerProducts(100, 10, 100), // 784-100-10, batch 100
  ...layerProducts(300, 100, 32), // 784-300-100-10, batch 32
  ...layerProducts(800, 10, 128), // 784-800-10, batch 128
];

function medianSeconds(run: () => void, samples = 9): number {
  let calls = 1;
  for (;;) {
    const start = performance.now();
    for (let i = 0; i < calls; i++) run();
    if (performance.now() - start >= 20) break;
    calls *= 2;
  }
  const times: number[] = [];
  for (let s = 0; s < samples; s++) {
    const start = performance.now();
    for (let i = 0; i < calls; i++) run();
    times.push((performance.now() - start) / 1000 / calls);
  }
  times.sort((x, y) => x - y);
  return times[Math.floor(times.length / 2)];
}

const rng = new Rng(1);
function random(rows: number, cols: number, dtype: DType): Matrix {
  return Matrix.fromFlat(rows, cols, rng.fillNormal(new Float64Array(rows * cols)), dtype);
}

/** GFLOP/s of gemmInto (copies included) and of the kernel on arena-resident operands. */
function ours(p: Product, dtype: DType): [number, number] {
  const a = p.transA ? random(p.k, p.m, dtype) : random(p.m, p.k, dtype);
  const b = p.transB ? random(p.n, p.k, dtype) : random(p.k, p.n, dtype);
  const c = Matrix.zeros(p.m, p.n, dtype);
  const flops = 2 * p.m * p.n * p.k;
  const called = medianSeconds(() => gemmInto(c, a, b, p));
  const bytes = (a.data.length + 2 * b.data.length + c.data.length) * 8 + 256;
  const arena = SimdArena.create(bytes);
  if (!arena) throw new Error("no WebAssembly SIMD here");
  const [aa, ab, ac] = [a, b, c].map((x) => arena.floats(x.data.length, dtype).fill(0));
  aa.set(a.data);
  ab.set(b.data);
  const bT = arena.floats(b.data.length, dtype);
  const kernel = () => arena.gemm(ac, aa, ab, bT, p);
  return [flops / called / 1e9, flops / medianSeconds(kernel) / 1e9];
}

const python = "/usr/bin/python3";
function numpy(dtype: DType): number[] | null {
  if (!existsSync(python)) return null;
  const shapes = products.map((p) => [p.m, p.n, p.k, p.transA, p.transB, dtype]);
  try {
    const out = execFileSync(
      python,
      [fileURLToPath(new URL("./gemm_numpy.py", import.meta.url)), JSON.stringify(shapes)],
      { encoding: "utf8", env: { ...process.env, OPENBLAS_NUM_THREADS: "1" } },
    );
    return JSON.parse(out);
  } catch {
    return null; // no numpy: the column shows "–"
  }
}

const cell = (x: number | undefined) => (x === undefined ? "–" : x.toFixed(1));
console.log(`gemm GFLOP/s (2·m·n·k / median time), one thread; CPU: ${cpus()[0]?.model ?? "?"}`);
for (const dtype of ["float64", "float32"] as const) {
  const blas = numpy(dtype);
  const ceiling = await registerCeiling(dtype);
  console.log(
    `\n${dtype}: register-only ceiling of our 4 × 2 block ${ceiling.toFixed(1)} GFLOP/s` +
      (blas ? "; numpy is OpenBLAS, OPENBLAS_NUM_THREADS=1" : "; numpy not found"),
  );
  console.log("| product | ours, gemmInto | ours, kernel only | numpy | numpy ÷ ours |");
  console.log("| --- | --- | --- | --- | --- |");
  products.forEach((p, i) => {
    const [called, kernel] = ours(p, dtype);
    const theirs = blas?.[i];
    const ratio = theirs === undefined ? "–" : `${(theirs / called).toFixed(2)}×`;
    console.log(`| ${p.name} | ${cell(called)} | ${cell(kernel)} | ${cell(theirs)} | ${ratio} |`);
  });
}
