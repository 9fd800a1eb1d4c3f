/**
 * GFLOP/s of gemm on the products MNIST training does with a 784-30-10 network, fast kernel
 * beside the naive loop, for mini-batches of 10 and 100. Run with `pnpm bench`.
 * Medians of repeated timings; compare the ratios within one run (the machine is shared).
 */
import { type GemmOptions, gemmInto, gemmNaiveInto, Matrix, Rng } from "../src/index";

interface Product {
  name: string;
  /** Stored shapes of A and B, and the transposes gemm reads them with. */
  a: [number, number];
  b: [number, number];
  options: GemmOptions;
}

function products(m: number): Product[] {
  return [
    { name: `w¹·x      (30×784)·(784×${m})`, a: [30, 784], b: [784, m], options: {} },
    { name: `δ¹·xᵀ     (30×${m})·(${m}×784)`, a: [30, m], b: [784, m], options: { transB: true } },
    { name: `w²ᵀ·δ²    (10×30)ᵀ·(10×${m})`, a: [10, 30], b: [10, m], options: { transA: true } },
    { name: `w¹ᵀ·δ¹    (30×784)ᵀ·(30×${m})`, a: [30, 784], b: [30, m], options: { transA: true } },
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
console.log("gemm on MNIST 784-30-10 shapes (float64), median of 9; GFLOP/s = 2mnk / time\n");
console.log(
  `${"product".padEnd(34)}${"fast".padStart(10)}${"naive".padStart(10)}${"ratio".padStart(8)}`,
);
for (const batch of [10, 100]) {
  for (const p of products(batch)) {
    const a = randomMatrix(rng, p.a);
    const b = randomMatrix(rng, p.b);
    const rows = p.options.transA ? p.a[1] : p.a[0];
    const inner = p.options.transA ? p.a[0] : p.a[1];
    const cols = p.options.transB ? p.b[0] : p.b[1];
    const c = Matrix.zeros(rows, cols);
    const flops = 2 * rows * cols * inner;
    const fast = medianSeconds(() => gemmInto(c, a, b, p.options));
    const naive = medianSeconds(() =>
      gemmNaiveInto(c, a, b, 1, 0, p.options.transA ?? false, p.options.transB ?? false),
    );
    const gflops = (t: number) => (flops / t / 1e9).toFixed(2).padStart(10);
    console.log(
      `${p.name.padEnd(34)}${gflops(fast)}${gflops(naive)}${(naive / fast).toFixed(2).padStart(7)}×`,
    );
  }
}
