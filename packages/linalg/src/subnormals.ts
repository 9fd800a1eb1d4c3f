import type { Matrix } from "./matrix";

/** The smallest positive normal float32, 2⁻¹²⁶. */
export const FLOAT32_MIN_NORMAL = 1.1754943508222875e-38;

/**
 * Sets float32 values smaller in magnitude than 2⁻¹²⁶ (subnormals) to 0, in place; float64
 * matrices are left as they are. Returns x.
 *
 * Why: WebAssembly has no flush-to-zero mode, and on x86 every multiply with a subnormal
 * operand or result takes a microcode assist of about 100 cycles. A sigmoid layer of 800
 * neurons in float32 has activations σ(z) < 2⁻¹²⁶ wherever z < −87: a float32 784-800-10
 * epoch (batch 128) spent 55% of its time in the products of its 10-neuron output layer,
 * about a tenth of its multiply-adds, and took 6.2 s against 4.0 s in float64 (3.3 s now). Values that small change nothing a float32 network can learn; PyTorch
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
