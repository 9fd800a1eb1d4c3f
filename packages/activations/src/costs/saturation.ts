import type { Matrix } from "@backprop/linalg";
import type { Activation } from "../activation";

/**
 * Finite δᴸ where an output saturated. The general BP1, δ = ∂C/∂a ⊙ σ′(z), meets 0·∞ when
 * a rounded to exactly 0 or 1 (σ(40) = 1 in float64): the log costs' ∂C/∂a divides by
 * a(1 − a) or a, and σ′ is 0. The true δ is finite there. The chain rule's values are kept
 * wherever they are finite (so nothing changes where training worked before); only the
 * NaN/±∞ entries, at finite z and y, are recomputed by a form without the division.
 * Non-finite z or y are left alone: they mean divergence or bad data, which must show.
 */

/**
 * The gap between 1 and the largest value below it in a's element type (2⁻⁵³ in float64,
 * 2⁻²⁴ in float32). An output that rounded to exactly 0 or 1 was less than this from the
 * bound, so taking it to be this far gives ∂C/∂a with the right sign and at most the true
 * size: a finite lower bound of what rounding hid. (2⁻⁵³ in float32 would make ∂C/∂a up to
 * 2²⁹ ≈ 5·10⁸ times too large.)
 */
export function spacingBelowOne(a: Matrix): number {
  return a.data instanceof Float32Array ? 2 ** -24 : 2 ** -53;
}

/**
 * Replaces each entry of δ (`out`) that is NaN or ±∞ while z and y there are finite by
 * `fix(i)` (i indexes the flat arrays). Returns how many were replaced.
 */
export function repairElements(
  out: Matrix,
  z: Matrix,
  y: Matrix,
  fix: (i: number) => number,
): number {
  const o = out.data;
  let repaired = 0;
  for (let i = 0; i < o.length; i++) {
    if (!Number.isFinite(o[i]) && Number.isFinite(z.data[i]) && Number.isFinite(y.data[i])) {
      o[i] = fix(i);
      repaired++;
    }
  }
  return repaired;
}

/**
 * For activations that mix a column (softmax): each column of δ holding a NaN or ±∞ while
 * its z and y are all finite is rewritten by `fix(j)`. Returns how many columns were.
 */
export function repairColumns(
  out: Matrix,
  z: Matrix,
  y: Matrix,
  fix: (column: number) => void,
): number {
  const { rows, cols } = out;
  let repaired = 0;
  for (let j = 0; j < cols; j++) {
    let broken = false;
    let inputsFinite = true;
    for (let i = 0; i < rows; i++) {
      const k = i * cols + j;
      if (!Number.isFinite(out.data[k])) broken = true;
      if (!Number.isFinite(z.data[k]) || !Number.isFinite(y.data[k])) inputsFinite = false;
    }
    if (broken && inputsFinite) {
      fix(j);
      repaired++;
    }
  }
  return repaired;
}

/**
 * The repair for an element-wise activation known only by its derivative: δ = σ′(z)·g,
 * with g = `gradientAt(a, y, spacing)`, ∂C/∂a at an output kept `spacing` (see
 * spacingBelowOne) from the bound it rounded to. σ′ is computed into `scratch` once, and
 * only if something needs it; where σ′(z) = 0 (a flat activation) δ is 0.
 */
export function repairElementwise(
  out: Matrix,
  z: Matrix,
  a: Matrix,
  y: Matrix,
  activation: Activation,
  scratch: Matrix,
  gradientAt: (a: number, y: number, spacing: number) => number,
): void {
  const spacing = spacingBelowOne(a);
  let derivative: Matrix | undefined;
  repairElements(out, z, y, (i) => {
    if (!derivative) {
      activation.derivative(z, scratch);
      derivative = scratch;
    }
    const d = derivative.data[i];
    return d === 0 ? 0 : d * gradientAt(a.data[i], y.data[i], spacing);
  });
}
