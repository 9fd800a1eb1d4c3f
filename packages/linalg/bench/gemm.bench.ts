/**
 * GFLOP/s of gemm on the products MNIST training does (784-30-10 and 784-100-10, batches of
 * 10 and 100): the WebAssembly SIMD kernels (what gemmInto runs for these sizes, copies in
 * and out included), the JS loops ({ kernel: "js" }) and the naive loop. Run with
 * `pnpm bench`. Medians of repeated timings; compare the ratios within one run.
 */
import { type GemmOptions, gemmInto, gemmNaiveInto, Matrix, Rng } from "../src/index";

interface Product {
  name: string;
  /** Stored shapes of A and B, and the transposes gemm reads them with. */
  a: [number, number];
  b: [number, number];
  options: GemmOptions;
}

function products(h: number, m: number): Product[] {
  return [
    { name: `w²·a¹   (10×${h})·(${h}×${m})`, a: [10, h], b: [h, m], options: {} },
    { name: `w²ᵀ·δ²  (10×${h})ᵀ·(10×${m})`, a: [10, h], b: [10, m], options: { transA: true } },
    { name: `δ²·a¹ᵀ  (10×${m})·(${h}×${m})ᵀ`, a: [10, m], b: [h, m], options: { transB: true } },
    { name: `w¹·x    (${h}×784)·(784×${m})`, a: [h, 784], b: [784, m], options: {} },
  ];
}

function randomMatrix(rng: Rng, [rows, cols]: [number, number]): Matrix {
  return new Matrix(rows, cols, rng.fillNormal(new Float64Array(rows * cols)));
}

/** Median seconds per call, timing batches of calls long enough (≥ 20 ms) to measure. */
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
console.log("gemm on MNIST training shapes (float64), median of 9; GFLOP/s = 2mnk / time\n");
console.log(
  `${"product".padEnd(30)}${"SIMD".padStart(8)}${"JS".padStart(8)}${"naive".padStart(8)}${"SIMD/JS".padStart(9)}`,
);
for (const [h, batch] of [
  [30, 10],
  [100, 10],
  [100, 100],
]) {
  for (const p of products(h, batch)) {
    const a = randomMatrix(rng, p.a);
    const b = randomMatrix(rng, p.b);
    const rows = p.options.transA ? p.a[1] : p.a[0];
    const inner = p.options.transA ? p.a[0] : p.a[1];
    const cols = p.options.transB ? p.b[0] : p.b[1];
    const c = Matrix.zeros(rows, cols);
    const flops = 2 * rows * cols * inner;
    const simd = medianSeconds(() => gemmInto(c, a, b, p.options));
    const js = medianSeconds(() => gemmInto(c, a, b, { ...p.options, kernel: "js" }));
    const naive = medianSeconds(() =>
      gemmNaiveInto(c, a, b, 1, 0, p.options.transA ?? false, p.options.transB ?? false),
    );
    const gflops = (t: number) => (flops / t / 1e9).toFixed(2).padStart(8);
    console.log(
      `${p.name.padEnd(30)}${gflops(simd)}${gflops(js)}${gflops(naive)}${(js / simd).toFixed(2).padStart(8)}×`,
    );
  }
}
