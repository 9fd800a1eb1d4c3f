import { exp, log, log1p, type Matrix } from "@backprop/linalg";

/**
 * Logarithms for costs, computed where they cannot overflow or lose the answer.
 *
 * A cost computed from a = σ(z) loses what rounding took from a: σ(40) is exactly 1 in
 * float64 (σ(17) in float32), so −ln(1 − a) is −ln 0 = ∞ although the true value is ≈ 40.
 * From z nothing is lost: ln σ(z) = −softplus(−z) and ln softmax(z)ᵢ = zᵢ − logΣexp(z) are
 * finite and accurate for every finite z.
 */

/** ln 2⁻¹⁰⁷⁴ ≈ −744.44: the logarithm of the smallest positive double, so ln x ≥ this for every x > 0. */
export const LN_SMALLEST_DOUBLE = log(Number.MIN_VALUE);

/**
 * ln x of an output x ∈ [0, 1] when only x is known: ln 0 counts as ln 2⁻¹⁰⁷⁴ ≈ −744.44,
 * the least any positive double gives, so a saturated wrong output adds ≈ 744 to the cost
 * (finite, large, and never more than a barely-positive output would) instead of ∞.
 * x < 0 (an output outside [0, 1]) stays NaN, so the mistake shows.
 */
export function lnOutput(x: number): number {
  return x === 0 ? LN_SMALLEST_DOUBLE : log(x);
}

/**
 * ln Σₖ e^(zₖⱼ) over the rows k of column j, leaving out row `skip` (−1: none), as
 * max + ln Σₖ e^(zₖⱼ − max), so no e^z overflows. −∞ when no row is left.
 */
export function logSumExpColumn(z: Matrix, j: number, skip = -1): number {
  const { rows, cols, data } = z;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < rows; i++) if (i !== skip) max = Math.max(max, data[i * cols + j]);
  if (max === Number.NEGATIVE_INFINITY) return max;
  let sum = 0;
  for (let i = 0; i < rows; i++) if (i !== skip) sum += exp(data[i * cols + j] - max);
  return max + log(sum);
}

/**
 * For column j with its largest z in row m: ln Σₖ e^(zₖ − zₘ), written as log1p of the other
 * rows' terms (each ≤ 1), so that ln softmax(z)ᵢ = (zᵢ − zₘ) − this is accurate even where
 * softmax(z)ₘ rounds to 1 (ln aₘ ≈ −(1 − aₘ), which log1p keeps and ln(1 + …) would not).
 */
export function logSoftmaxNormalizer(z: Matrix, j: number, m: number): number {
  const { rows, cols, data } = z;
  const max = data[m * cols + j];
  let others = 0;
  for (let i = 0; i < rows; i++) if (i !== m) others += exp(data[i * cols + j] - max);
  return log1p(others);
}

/** The row of column j's largest z (the first on ties). */
export function argmaxColumn(z: Matrix, j: number): number {
  const { rows, cols, data } = z;
  let best = 0;
  for (let i = 1; i < rows; i++) if (data[i * cols + j] > data[best * cols + j]) best = i;
  return best;
}
