/**
 * Our deterministic elementary functions (src/math/) beside the engine's Math.*, in ns per
 * call over arrays like training's (sigmoid over a layer's z: values in [−20, 20]), and the
 * sigmoid loop itself both ways. Medians of 7 timings, interleaved; compare ratios within
 * one run. Run: pnpm --filter @backprop/linalg exec tsx bench/math.bench.ts
 */
import { cos, exp, expm1, log, log1p, Rng, sin, tanh } from "../src/index";

const N = 1 << 20;
const rng = new Rng(1);
const spread = (low: number, high: number) => rng.fillUniform(new Float64Array(N), low, high);
const INPUTS: Record<string, Float64Array> = {
  exp: spread(-20, 20),
  log: spread(1e-6, 10),
  log1p: spread(-0.5, 2),
  expm1: spread(-2, 2),
  tanh: spread(-3, 3),
  sin: spread(0, 2 * Math.PI),
  cos: spread(0, 2 * Math.PI),
};
const PAIRS: [string, (x: number) => number, (x: number) => number][] = [
  ["exp", exp, Math.exp],
  ["log", log, Math.log],
  ["log1p", log1p, Math.log1p],
  ["expm1", expm1, Math.expm1],
  ["tanh", tanh, Math.tanh],
  ["sin", sin, Math.sin],
  ["cos", cos, Math.cos],
];
const out = new Float64Array(N);

function time(f: (x: number) => number, xs: Float64Array): number {
  const start = performance.now();
  for (let i = 0; i < xs.length; i++) out[i] = f(xs[i]);
  return ((performance.now() - start) * 1e6) / xs.length;
}

function sigmoidOurs(z: Float64Array): number {
  const start = performance.now();
  for (let i = 0; i < z.length; i++) {
    const v = z[i];
    if (v >= 0) out[i] = 1 / (1 + exp(-v));
    else {
      const e = exp(v);
      out[i] = e / (1 + e);
    }
  }
  return ((performance.now() - start) * 1e6) / z.length;
}

function sigmoidMath(z: Float64Array): number {
  const start = performance.now();
  for (let i = 0; i < z.length; i++) {
    const v = z[i];
    if (v >= 0) out[i] = 1 / (1 + Math.exp(-v));
    else {
      const e = Math.exp(v);
      out[i] = e / (1 + e);
    }
  }
  return ((performance.now() - start) * 1e6) / z.length;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

console.log("ns per value (median of 7), ours vs Math.*:");
for (const [name, ours, theirs] of PAIRS) {
  const a: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < 7; r++) {
    a.push(time(ours, INPUTS[name]));
    b.push(time(theirs, INPUTS[name]));
  }
  const [x, y] = [median(a), median(b)];
  console.log(
    `${name.padEnd(8)} ${x.toFixed(2).padStart(6)}  ${y.toFixed(2).padStart(6)}  ×${(x / y).toFixed(2)}`,
  );
}
const a: number[] = [];
const b: number[] = [];
for (let r = 0; r < 7; r++) {
  a.push(sigmoidOurs(INPUTS.exp));
  b.push(sigmoidMath(INPUTS.exp));
}
const [x, y] = [median(a), median(b)];
console.log(
  `${"sigmoid".padEnd(8)} ${x.toFixed(2).padStart(6)}  ${y.toFixed(2).padStart(6)}  ×${(x / y).toFixed(2)}`,
);
