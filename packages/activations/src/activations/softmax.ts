import { exp, type Matrix } from "@backprop/linalg";
import type { Activation } from "../activation";

/**
 * softmax over each column (one sample per column): aⱼ = e^(zⱼ − max z) / Σₖ e^(zₖ − max z).
 * Subtracting the column's maximum changes nothing mathematically and keeps e^z finite.
 *
 * Its Jacobian is not diagonal: ∂aᵢ/∂zⱼ = aᵢ(δᵢⱼ − aⱼ), so the chain rule is
 * δᵢ = aᵢ·(gᵢ − Σⱼ aⱼgⱼ) rather than g ⊙ σ′(z). With the log-likelihood cost that
 * collapses to δ = a − y, which the cost uses directly.
 */
function softmaxInto(z: Matrix, out: Matrix): void {
  const rows = z.rows;
  const cols = z.cols;
  const zd = z.data;
  const o = out.data;
  for (let j = 0; j < cols; j++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < rows; i++) max = Math.max(max, zd[i * cols + j]);
    let sum = 0;
    for (let i = 0; i < rows; i++) {
      const e = exp(zd[i * cols + j] - max);
      o[i * cols + j] = e;
      sum += e;
    }
    for (let i = 0; i < rows; i++) o[i * cols + j] /= sum;
  }
}

/**
 * The softmax output layer: each column becomes a probability distribution over the
 * classes, aⱼ = e^(zⱼ − max z) / Σₖ e^(zₖ − max z). Not element-wise (∂aᵢ/∂zⱼ =
 * aᵢ(δᵢⱼ − aⱼ)); pair it with the log-likelihood cost, whose δᴸ is then a − y.
 */
export const softmax: Activation = Object.freeze({
  name: "softmax",
  elementwise: false,
  fn: softmaxInto,
  /** The Jacobian's diagonal aᵢ(1 − aᵢ); backprop uses `backward`, which is exact. */
  derivative(z: Matrix, out: Matrix) {
    softmaxInto(z, out);
    const o = out.data;
    for (let i = 0; i < o.length; i++) o[i] = o[i] * (1 - o[i]);
  },
  backward(_z: Matrix, a: Matrix, g: Matrix, out: Matrix) {
    const rows = a.rows;
    const cols = a.cols;
    for (let j = 0; j < cols; j++) {
      let dot = 0;
      for (let i = 0; i < rows; i++) dot += a.data[i * cols + j] * g.data[i * cols + j];
      for (let i = 0; i < rows; i++) {
        const k = i * cols + j;
        out.data[k] = a.data[k] * (g.data[k] - dot);
      }
    }
  },
});
