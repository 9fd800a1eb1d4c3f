/**
 * relu and 2×2 max pooling on network3's shapes (conv 20×5×5 → pool → conv 40×5×5 → pool,
 * m = 10 samples): the loops activations' relu.ts and network's max-pool.ts ran before
 * ("old", branching on random signs and winners) against the branch-free JS loops ("js")
 * and the WebAssembly SIMD kernels ("simd", copies in and out included). µs per call and
 * ns per value (per z for relu, per input pixel·sample for pooling); medians of 9 timings,
 * interleaved. Then the small sizes that set WASM_RELU_MIN_LENGTH and
 * WASM_MAX_POOL_MIN_OUTPUTS. Then sigmoid on network3's conv1 net (conv 20×24×24 and dense
 * 100, m = 10): the loop over sigmoidScalar activations' sigmoid.ts ran before ("old"),
 * sigmoidInto's JS loop ("js", the same loop) and its SIMD kernel, and the small sizes that set
 * WASM_SIGMOID_MIN_LENGTH. Run from packages/linalg: npx tsx bench/layer-kernels.bench.ts
 */
import type { DType, FloatArray } from "../src/matrix";
import { Matrix } from "../src/matrix";
import { maxPool2x2BackwardInto, maxPool2x2Into } from "../src/max-pool-kernels";
import { Rng } from "../src/random";
import { reluBackwardInto, reluInto } from "../src/relu-kernels";
import { sigmoidDerivativeInto, sigmoidInto } from "../src/sigmoid-kernels";
import { sigmoidScalar } from "../src/sigmoid-scalar";
import {
  maxPool2x2BackwardWasmInto,
  maxPool2x2WasmInto,
  reluBackwardWasmInto,
  reluWasmInto,
} from "../src/wasm/elementwise-wasm";
import { sigmoidWasmInto } from "../src/wasm/sigmoid-wasm";

// ---- the old loops, as they were ----
function reluOld(z: FloatArray, out: FloatArray): void {
  for (let i = 0; i < z.length; i++) out[i] = Math.max(z[i], 0);
}
function reluBackwardOld(z: FloatArray, g: FloatArray, out: FloatArray): void {
  for (let i = 0; i < z.length; i++) out[i] = g[i] * (z[i] > 0 ? 1 : 0);
}
function sigmoidOld(z: FloatArray, out: FloatArray): void {
  for (let i = 0; i < z.length; i++) out[i] = sigmoidScalar(z[i]);
}
function sigmoidDerivativeOld(z: FloatArray, out: FloatArray): void {
  for (let i = 0; i < z.length; i++) {
    const s = sigmoidScalar(z[i]);
    out[i] = s * (1 - s);
  }
}
function wins(v: number, max: number): boolean {
  return v > max || (Number.isNaN(v) && !Number.isNaN(max));
}
function maxOfPairsOld(
  x: FloatArray,
  y: FloatArray,
  where: Int32Array,
  C: number,
  H: number,
  W: number,
  m: number,
) {
  const [OH, OW, stride] = [H >> 1, W >> 1, 2];
  for (let c = 0; c < C; c++)
    for (let oy = 0; oy < OH; oy++)
      for (let ox = 0; ox < OW; ox++) {
        const o = (c * OH * OW + oy * OW + ox) * m;
        const r0 = c * H * W + oy * stride * W + ox * stride; // top left, top right, …
        const r1 = r0 + 1;
        const r2 = r0 + W;
        const r3 = r2 + 1;
        for (let j = 0; j < m; j++) {
          let max = x[r0 * m + j];
          let best = r0;
          let v = x[r1 * m + j];
          if (wins(v, max)) {
            max = v;
            best = r1;
          }
          v = x[r2 * m + j];
          if (wins(v, max)) {
            max = v;
            best = r2;
          }
          v = x[r3 * m + j];
          if (wins(v, max)) {
            max = v;
            best = r3;
          }
          y[o + j] = max;
          where[o + j] = best;
        }
      }
}
function maxPoolBackwardOld(
  delta: FloatArray,
  where: Int32Array,
  deltaIn: FloatArray,
  outRows: number,
  m: number,
) {
  const d = deltaIn;
  d.fill(0);
  for (let o = 0; o < outRows; o++)
    for (let j = 0; j < m; j++) d[where[o * m + j] * m + j] += delta[o * m + j];
}

// ---- timing ----
/** Median over 9 samples of µs per call; each sample runs `reps` calls. */
function timeCalls(run: () => void, reps: number): number {
  for (let i = 0; i < reps; i++) run(); // warm up
  const samples: number[] = [];
  for (let s = 0; s < 9; s++) {
    const start = performance.now();
    for (let i = 0; i < reps; i++) run();
    samples.push(((performance.now() - start) * 1000) / reps);
  }
  return samples.sort((a, b) => a - b)[4];
}

/** µs per call of each variant, interleaved (each timed a few times in turn, best median kept). */
function compare(variants: Record<string, () => void>, values: number): Record<string, number> {
  const reps = Math.max(3, Math.round(2e6 / values));
  const best: Record<string, number> = {};
  for (let round = 0; round < 3; round++)
    for (const [name, run] of Object.entries(variants)) {
      const t = timeCalls(run, reps);
      best[name] = Math.min(best[name] ?? Infinity, t);
    }
  return best;
}

const rng = new Rng(3);
function randomArray(n: number, dtype: DType): FloatArray {
  const x = Matrix.zeros(n, 1, dtype).data;
  for (let i = 0; i < n; i++) x[i] = rng.uniform() - 0.5; // random signs, as z in training
  return x;
}

/**
 * Calls cycle through this many inputs, as training's batches differ: timed again and
 * again on one input, a branch predictor learns the "random" signs of a small layer and
 * the old loops look several times faster than they run in training.
 */
const INPUTS = 8;
/** Hands out INPUTS random n × cols matrices in turn. */
function inputs(n: number, cols: number, dtype: DType): () => Matrix {
  const all = Array.from(
    { length: INPUTS },
    () => new Matrix(n, cols, randomArray(n * cols, dtype)),
  );
  let next = 0;
  return () => all[next++ % INPUTS];
}

/** Hands out INPUTS arrays of n values uniform on [−8, 8] in turn. */
function sigmoidInputs(n: number, dtype: DType): () => FloatArray {
  const all = Array.from({ length: INPUTS }, () => {
    const z = Matrix.zeros(n, 1, dtype).data;
    for (let i = 0; i < n; i++) z[i] = 16 * (rng.uniform() - 0.5);
    return z;
  });
  let next = 0;
  return () => all[next++ % INPUTS];
}

const rows: Record<string, string>[] = [];
function report(what: string, dtype: DType, values: number, t: Record<string, number>) {
  const cell = (name: string) =>
    `${t[name].toFixed(1)} µs ${((t[name] * 1000) / values).toFixed(2)} ns`;
  const speedup = `${(t.old / t.simd).toFixed(1)}× / ${(t.old / t.js).toFixed(1)}×`;
  rows.push({
    what,
    dtype,
    old: cell("old"),
    js: cell("js"),
    simd: cell("simd"),
    "old/simd, old/js": speedup,
  });
}

for (const dtype of ["float32", "float64"] as const) {
  for (const [C, H, W] of [
    [20, 24, 24],
    [40, 8, 8],
  ]) {
    const m = 10;
    const n = C * H * W * m;
    const z = inputs(n, 1, dtype);
    const g = inputs(n, 1, dtype);
    const out = Matrix.zeros(n, 1, dtype).data;
    report(
      `relu ${C}·${H}·${W}×${m}`,
      dtype,
      n,
      compare(
        {
          old: () => reluOld(z().data, out),
          js: () => reluInto(z().data, out, { kernel: "js" }),
          simd: () => reluWasmInto(z().data, out),
        },
        n,
      ),
    );
    report(
      `relu backward ${C}·${H}·${W}×${m}`,
      dtype,
      n,
      compare(
        {
          old: () => reluBackwardOld(z().data, g().data, out),
          js: () => reluBackwardInto(z().data, g().data, out, { kernel: "js" }),
          simd: () => reluBackwardWasmInto(z().data, g().data, out),
        },
        n,
      ),
    );

    const outRows = C * (H >> 1) * (W >> 1);
    const x = inputs(C * H * W, m, dtype);
    const y = Matrix.zeros(outRows, m, dtype);
    const delta = inputs(outRows, m, dtype);
    const deltaIn = Matrix.zeros(C * H * W, m, dtype);
    // Backward routes by the winners of one forward pass on random data.
    const where = new Int32Array(outRows * m);
    const corner = new Uint8Array(outRows * m);
    const image = { channels: C, height: H, width: W };
    report(
      `maxPool 2×2 ${C}×${H}×${W}, m=${m}`,
      dtype,
      n,
      compare(
        {
          old: () => maxOfPairsOld(x().data, y.data, where, C, H, W, m),
          js: () => maxPool2x2Into(x(), image, y, corner, { kernel: "js" }),
          simd: () => maxPool2x2WasmInto(x().data, y.data, corner, C, H, W, m),
        },
        n,
      ),
    );
    report(
      `maxPool backward ${C}×${H}×${W}, m=${m}`,
      dtype,
      n,
      compare(
        {
          old: () => maxPoolBackwardOld(delta().data, where, deltaIn.data, outRows, m),
          js: () => maxPool2x2BackwardInto(delta(), corner, image, deltaIn, { kernel: "js" }),
          simd: () => maxPool2x2BackwardWasmInto(delta().data, corner, deltaIn.data, C, H, W, m),
        },
        n,
      ),
    );
  }
}
// sigmoid on network3's conv1 net (sigmoid conv 20×24×24, then dense 100), m = 10, with z
// spread over [−8, 8] as pre-activations are in training (random signs: sigmoid branches on them).
for (const dtype of ["float32", "float64"] as const) {
  for (const [label, n] of [
    ["20·24·24×10", 20 * 24 * 24 * 10],
    ["100×10", 100 * 10],
  ] as const) {
    const z = sigmoidInputs(n, dtype);
    const out = Matrix.zeros(n, 1, dtype).data;
    report(
      `sigmoid ${label}`,
      dtype,
      n,
      compare(
        {
          old: () => sigmoidOld(z(), out),
          js: () => sigmoidInto(z(), out, { kernel: "js" }),
          simd: () => sigmoidWasmInto(z(), out, false),
        },
        n,
      ),
    );
    report(
      `sigmoid derivative ${label}`,
      dtype,
      n,
      compare(
        {
          old: () => sigmoidDerivativeOld(z(), out),
          js: () => sigmoidDerivativeInto(z(), out, { kernel: "js" }),
          simd: () => sigmoidWasmInto(z(), out, true),
        },
        n,
      ),
    );
  }
}
console.log("network3's shapes: µs per call and ns per input value (old: the loops before)");
console.table(rows);

// ---- where SIMD starts to pay (copies and the call included) ----
const small: Record<string, string>[] = [];
for (const dtype of ["float32", "float64"] as const) {
  for (const n of [16, 64, 256, 1024, 4096]) {
    const z = inputs(n, 1, dtype);
    const g = inputs(n, 1, dtype);
    const out = Matrix.zeros(n, 1, dtype).data;
    const t = compare(
      {
        js: () => reluInto(z().data, out, { kernel: "js" }),
        simd: () => reluWasmInto(z().data, out),
        jsBack: () => reluBackwardInto(z().data, g().data, out, { kernel: "js" }),
        simdBack: () => reluBackwardWasmInto(z().data, g().data, out),
      },
      n,
    );
    const us = (name: string) => t[name].toFixed(3);
    small.push({
      what: `relu n=${n}`,
      dtype,
      js: us("js"),
      simd: us("simd"),
      "js back": us("jsBack"),
      "simd back": us("simdBack"),
    });
  }
  for (const [C, H, m] of [
    [1, 4, 4],
    [1, 4, 10],
    [1, 8, 10],
    [4, 8, 10],
    [4, 16, 10],
  ]) {
    const image = { channels: C, height: H, width: H };
    const outRows = C * (H >> 1) * (H >> 1);
    const x = inputs(C * H * H, m, dtype);
    const y = Matrix.zeros(outRows, m, dtype);
    const corner = new Uint8Array(outRows * m);
    const delta = inputs(outRows, m, dtype);
    const deltaIn = Matrix.zeros(C * H * H, m, dtype);
    const t = compare(
      {
        js: () => maxPool2x2Into(x(), image, y, corner, { kernel: "js" }),
        simd: () => maxPool2x2WasmInto(x().data, y.data, corner, C, H, H, m),
        jsBack: () => maxPool2x2BackwardInto(delta(), corner, image, deltaIn, { kernel: "js" }),
        simdBack: () => maxPool2x2BackwardWasmInto(delta().data, corner, deltaIn.data, C, H, H, m),
      },
      C * H * H * m,
    );
    const us = (name: string) => t[name].toFixed(3);
    small.push({
      what: `pool ${C}×${H}×${H}, m=${m}: ${outRows * m} outputs`,
      dtype,
      js: us("js"),
      simd: us("simd"),
      "js back": us("jsBack"),
      "simd back": us("simdBack"),
    });
  }
}
console.log("\nsmall sizes, µs per call");
console.table(small);

// ---- where the sigmoid kernel starts to pay (copies and the call included) ----
const sigmoidSmall: Record<string, string>[] = [];
for (const dtype of ["float32", "float64"] as const) {
  for (const n of [4, 8, 16, 32, 64, 256]) {
    const z = sigmoidInputs(n, dtype);
    const out = Matrix.zeros(n, 1, dtype).data;
    const t = compare(
      {
        js: () => sigmoidInto(z(), out, { kernel: "js" }),
        simd: () => sigmoidWasmInto(z(), out, false),
      },
      n,
    );
    sigmoidSmall.push({
      what: `sigmoid n=${n}`,
      dtype,
      js: t.js.toFixed(3),
      simd: t.simd.toFixed(3),
    });
  }
}
console.log("\nsigmoid, small sizes, µs per call");
console.table(sigmoidSmall);
