import type { Matrix } from "./matrix";

/** The smallest positive normal float32, 2⁻¹²⁶. */
export const FLOAT32_MIN_NORMAL = 1.1754943508222875e-38;

/**
 * Sets float32 values smaller in magnitude than 2⁻¹²⁶ (subnormals) to 0, in place; float64
 * matrices are left as they are. Returns x.
 *
 * Why: WebAssembly has no flush-to-zero mode, and on x86 every multiply with a subnormal
 * operand or result takes a microcode assist of about 100 cycles. A sigmoid layer of 800
 * neurons in float32 has activations σ(z) < 2⁻¹²⁶ wherever z < −87, and a float32
 * 784-800-10 epoch spent 55% of its time in 0.5% of its dense products' work (6.2 s against
 * 4.0 s in float64). Values that small change nothing a float32 network can learn; PyTorch
 * offers the same trade as torch.set_flush_denormal(True).
 */
export function flushSubnormals(x: Matrix): Matrix {
  const d = x.data;
  if (!(d instanceof Float32Array)) return x;
  for (let i = 0; i < d.length; i++) {
    const v = d[i];
    if (v !== 0 && v < FLOAT32_MIN_NORMAL && v > -FLOAT32_MIN_NORMAL) d[i] = 0;
  }
  return x;
}
