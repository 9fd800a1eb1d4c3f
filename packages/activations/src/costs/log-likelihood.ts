import type { Matrix } from "@backprop/linalg";
import { sigmoid, sigmoidScalar } from "../activations/sigmoid";
import { softmax } from "../activations/softmax";
import { softplusScalar } from "../activations/softplus";
import { chainRuleDelta, defineCost } from "../cost";
import { argmaxColumn, lnOutput, logSoftmaxNormalizer } from "./log-space";
import { repairElements, repairElementwise } from "./saturation";

/** On a softmax output, from z: C = −Σᵢ yᵢ ln aᵢ with ln aᵢ = (zᵢ − zₘ) − ln Σₖ e^(zₖ − zₘ) (log-softmax). */
function valueFromSoftmaxLogits(z: Matrix, y: Matrix): number {
  const { rows, cols } = z;
  let sum = 0;
  for (let j = 0; j < cols; j++) {
    const m = argmaxColumn(z, j);
    const max = z.data[m * cols + j];
    const normalizer = logSoftmaxNormalizer(z, j, m);
    for (let i = 0; i < rows; i++) {
      const k = i * cols + j;
      if (y.data[k] !== 0) sum -= y.data[k] * (z.data[k] - max - normalizer);
    }
  }
  return sum;
}

/** On a sigmoid output, from z: −y ln σ(z) = y·softplus(−z), per unit. */
function valueFromSigmoidLogits(z: Matrix, y: Matrix): number {
  let sum = 0;
  for (let i = 0; i < z.data.length; i++) {
    const yi = y.data[i];
    if (yi !== 0) sum += yi * softplusScalar(-z.data[i]);
  }
  return sum;
}

/** From the outputs alone; a = 0 counts −ln 2⁻¹⁰⁷⁴ ≈ 744.4 (see lnOutput), never ∞. */
function valueFromOutputs(a: Matrix, y: Matrix): number {
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) {
    const yi = y.data[i];
    if (yi !== 0) sum -= yi * lnOutput(a.data[i]);
  }
  return sum;
}

/**
 * Through softmax's Jacobian, ∂C/∂a = −y/a gives δⱼ = −yⱼ + aⱼ·Σᵢyᵢ: with targets that sum
 * to 1 (one-hot, or smoothed labels) that is network2's δᴸ = a − y, and a·1 − y is that
 * bit for bit. Other columns (several labels, or none) get the same exact formula with
 * their own sum, rather than a − y, which would be the gradient of another cost.
 * One pass over y for the column sums; nothing divides by a.
 */
function softmaxDelta(a: Matrix, y: Matrix, out: Matrix): void {
  const { rows, cols } = a;
  for (let j = 0; j < cols; j++) {
    let targetSum = 0;
    for (let i = 0; i < rows; i++) targetSum += y.data[i * cols + j];
    for (let i = 0; i < rows; i++) {
      const k = i * cols + j;
      out.data[k] = a.data[k] * targetSum - y.data[k];
    }
  }
}

/** ∂C/∂a = −y/a for the repair of saturated element-wise outputs: a that rounded to 0 is taken as `spacing` (see spacingBelowOne). */
function gradientAtZero(a: number, y: number, spacing: number): number {
  return y === 0 ? 0 : -y / Math.max(a, spacing);
}

/**
 * Log-likelihood: C = −Σⱼ yⱼ ln aⱼ (= −ln a_label for one-hot y), for a softmax output.
 * ∂C/∂a = −y / a; through softmax's Jacobian that becomes δᴸ = a·Σy − y, i.e. a − y for
 * targets that sum to 1 (see softmaxDelta: columns that do not are not an error, they get
 * their exact gradient).
 *
 * The value comes from z where it is given with a softmax or sigmoid output (finite for
 * every finite z), else from a. With a sigmoid output, per unit −y ln σ(z) has
 * ∂/∂z = −y(1 − σ(z)): δ = y ⊙ (a − 1), which is a − y only on units whose y is 1 (units
 * with y = 0 get no gradient). The chain rule computes it, and where σ(z) rounded to 0
 * (z < −745 in float64, −87 in float32) its 0·∞ is replaced by −y·σ(−z). Other element-wise activations get the repair
 * of saturation.ts; a user's column-mixing activation, the plain chain rule.
 */
export const logLikelihood = defineCost({
  name: "logLikelihood",
  fn(a, y, z, activation) {
    if (z && activation === softmax) return valueFromSoftmaxLogits(z, y);
    if (z && activation === sigmoid) return valueFromSigmoidLogits(z, y);
    return valueFromOutputs(a, y);
  },
  derivative(a, y, out) {
    for (let i = 0; i < a.data.length; i++) {
      const yi = y.data[i];
      out.data[i] = yi === 0 ? 0 : -yi / a.data[i];
    }
  },
  delta(z, a, y, activation, out, scratch) {
    if (activation === softmax) {
      softmaxDelta(a, y, out);
      return;
    }
    chainRuleDelta(logLikelihood, z, a, y, activation, out, scratch);
    if (activation === sigmoid) {
      repairElements(out, z, y, (i) => -y.data[i] * sigmoidScalar(-z.data[i]));
    } else if (activation.elementwise) {
      repairElementwise(out, z, a, y, activation, scratch, gradientAtZero);
    }
  },
});
