import { exp, log1p, type Matrix } from "@backprop/linalg";
import {
  argmaxColumn,
  LN_SMALLEST_DOUBLE,
  logSoftmaxNormalizer,
  logSumExpColumn,
} from "./log-space";

/**
 * Cross-entropy, C = −Σᵢ [yᵢ ln aᵢ + (1 − yᵢ) ln(1 − aᵢ)], on a softmax output a = softmax(z),
 * from z: once a logit leads the others by ≥ 37 (float64), aₘ rounds to exactly 1 and both
 * ln(1 − aₘ) and the chain rule's 1/(aₘ(1 − aₘ)) break, though the true values are finite.
 *
 * In each column let m be the row of the largest z (aₘ is the only output that can be
 * near 1: the others are ≤ ½ because Σa = 1). Then, with every exp ≤ 1:
 *   ln aᵢ       = (zᵢ − zₘ) − ln Σₖ e^(zₖ − zₘ)                 (log-softmax)
 *   ln(1 − aᵢ)  = log1p(−aᵢ)                              for i ≠ m (aᵢ ≤ ½)
 *   ln(1 − aₘ)  = ln Σₖ≠ₘ e^zₖ − ln Σₖ e^zₖ                 (1 − aₘ = the others' share)
 */
export function crossEntropySoftmaxValue(z: Matrix, y: Matrix): number {
  const { rows, cols } = z;
  let sum = 0;
  for (let j = 0; j < cols; j++) {
    const m = argmaxColumn(z, j);
    const max = z.data[m * cols + j];
    const normalizer = logSoftmaxNormalizer(z, j, m);
    // One row: softmax is the constant 1 and 1 − a = 0; count ln 0 as lnOutput does.
    const lnOneMinusAm =
      rows === 1 ? LN_SMALLEST_DOUBLE : logSumExpColumn(z, j, m) - max - normalizer;
    for (let i = 0; i < rows; i++) {
      const k = i * cols + j;
      const yi = y.data[k];
      const lnA = z.data[k] - max - normalizer;
      const lnOneMinusA = i === m ? lnOneMinusAm : log1p(-exp(lnA));
      // 0·ln 0 = 0, as network2.py's nan_to_num
      sum -= (yi === 0 ? 0 : yi * lnA) + (yi === 1 ? 0 : (1 - yi) * lnOneMinusA);
    }
  }
  return sum;
}

/**
 * δ = ∂C/∂z of column j, into `out`, without dividing by 1 − aₘ. Through softmax's
 * Jacobian ∂aᵢ/∂zⱼ = aᵢ(δᵢⱼ − aⱼ) and ∂C/∂aᵢ = (aᵢ − yᵢ)/(aᵢ(1 − aᵢ)), with
 * hᵢ = (aᵢ − yᵢ)/(1 − aᵢ) (finite for i ≠ m) and H = Σᵢ≠ₘ hᵢ:
 *   δₘ = hₘ(1 − aₘ) − aₘH = (aₘ − yₘ) − aₘH
 *   δᵢ = hᵢ − aᵢH − aᵢhₘ   = hᵢ − aᵢH − rᵢ(aₘ − yₘ)       for i ≠ m,
 * where rᵢ = aᵢ/(1 − aₘ) = e^zᵢ / Σₖ≠ₘ e^zₖ is a softmax over the other rows, computed
 * from z (aᵢ and 1 − aₘ may both have rounded to 0). One row: a ≡ 1, so δ = 0.
 */
export function crossEntropySoftmaxColumnDelta(
  z: Matrix,
  a: Matrix,
  y: Matrix,
  out: Matrix,
  j: number,
): void {
  const { rows, cols } = z;
  if (rows === 1) {
    out.data[j] = 0;
    return;
  }
  const m = argmaxColumn(z, j);
  const lnOthers = logSumExpColumn(z, j, m);
  let sumH = 0;
  for (let i = 0; i < rows; i++) {
    const k = i * cols + j;
    if (i !== m) sumH += (a.data[k] - y.data[k]) / (1 - a.data[k]);
  }
  const km = m * cols + j;
  const wrong = a.data[km] - y.data[km];
  out.data[km] = wrong - a.data[km] * sumH;
  for (let i = 0; i < rows; i++) {
    if (i === m) continue;
    const k = i * cols + j;
    const h = (a.data[k] - y.data[k]) / (1 - a.data[k]);
    out.data[k] = h - a.data[k] * sumH - exp(z.data[k] - lnOthers) * wrong;
  }
}
