// Run by fused-gemm.test.ts, with and without --experimental-wasm-relaxed-simd (Node 20):
// gemm with kernel "fma" against "auto" and the naive loop, from the built package.
import { fusedMultiplyAddAvailable, gemmInto, gemmNaiveInto, Matrix, Rng } from "../dist/index.js";

const rng = new Rng(5);
let worst = 0;
let differ = 0;
for (const [m, n, k, transA, transB] of [
  [37, 29, 41, false, false],
  [64, 32, 100, true, false],
  [30, 50, 10, false, true],
  [10, 80, 60, false, true],
]) {
  const a = transA ? [k, m] : [m, k];
  const b = transB ? [n, k] : [k, n];
  const A = new Matrix(a[0], a[1], rng.fillNormal(new Float64Array(m * k)));
  const B = new Matrix(b[0], b[1], rng.fillNormal(new Float64Array(n * k)));
  const fused = gemmInto(Matrix.zeros(m, n), A, B, { transA, transB, kernel: "fma" });
  const plain = gemmInto(Matrix.zeros(m, n), A, B, { transA, transB });
  const naive = gemmNaiveInto(Matrix.zeros(m, n), A, B, 1, 0, transA, transB);
  for (let i = 0; i < m * n; i++) {
    worst = Math.max(
      worst,
      Math.abs(fused.data[i] - naive.data[i]) / (1 + Math.abs(naive.data[i])),
    );
    if (fused.data[i] !== plain.data[i]) differ++;
  }
}
console.log(JSON.stringify({ available: fusedMultiplyAddAvailable(), worst, differ }));
