/**
 * The most multiply-adds per second our micro-kernel's shape can reach on this machine: the
 * same 4-row × 2-vector block of accumulators, fed by loads that always hit L1 (within one
 * kilobyte), with nothing else in the loop. gemm.bench.ts prints it beside the real kernels, so
 * the gap between them is what memory and edges cost, and the gap to numpy is the hardware's
 * (128-bit vectors without fused multiply-add, against OpenBLAS's AVX-512 FMA).
 */
import wabtInit from "wabt";

function ceilingWat(vector: "f64x2" | "f32x4"): string {
  const scalar = vector.slice(0, 3);
  // Addresses cycle through one kilobyte (always in L1) so the loads stay in the loop.
  const at = "(i32.and (local.get $i) (i32.const 1023))";
  let locals = "";
  let body = "";
  for (let r = 0; r < 4; r++) {
    locals += ` (local $x${r} v128)`;
    body += `(local.set $x${r} (${vector}.splat (${scalar}.load offset=${r * 8} ${at})))`;
  }
  for (let v = 0; v < 2; v++) {
    locals += ` (local $y${v} v128)`;
    body += `(local.set $y${v} (v128.load offset=${64 + v * 16} ${at}))`;
  }
  let sum = "";
  for (let r = 0; r < 4; r++) {
    for (let v = 0; v < 2; v++) {
      locals += ` (local $c${r}${v} v128)`;
      body += `(local.set $c${r}${v} (${vector}.add (local.get $c${r}${v}) (${vector}.mul (local.get $x${r}) (local.get $y${v}))))`;
      sum += `(local.set $x0 (${vector}.add (local.get $x0) (local.get $c${r}${v})))`;
    }
  }
  return `(module (memory 1)
    (func (export "run") (param $n i32) (result i32) (local $i i32)${locals}
      (loop $terms (if (i32.lt_u (local.get $i) (local.get $n)) (then ${body}
        (local.set $i (i32.add (local.get $i) (i32.const 1))) (br $terms))))
      ${sum} (i32x4.extract_lane 0 (local.get $x0))))`;
}

/** GFLOP/s of the register-only 4 × 2 block (median of 5 runs of 20 million terms). */
export async function registerCeiling(dtype: "float64" | "float32"): Promise<number> {
  const wabt = await wabtInit();
  const vector = dtype === "float64" ? "f64x2" : "f32x4";
  const { buffer } = wabt.parseWat("ceiling.wat", ceilingWat(vector)).toBinary({});
  const run = new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array(buffer))).exports
    .run as (n: number) => number;
  const terms = 20_000_000;
  run(1000);
  const times: number[] = [];
  for (let r = 0; r < 5; r++) {
    const start = performance.now();
    run(terms);
    times.push((performance.now() - start) / 1000);
  }
  times.sort((a, b) => a - b);
  const lanes = dtype === "float64" ? 2 : 4;
  return (terms * 8 * lanes * 2) / times[2] / 1e9;
}
