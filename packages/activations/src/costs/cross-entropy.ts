import { exp, log1p, type Matrix } from "@backprop/linalg";
import { sigmoid } from "../activations/sigmoid";
import { softmax } from "../activations/softmax";
import { chainRuleDelta, defineCost } from "../cost";
import { crossEntropySoftmaxColumnDelta, crossEntropySoftmaxValue } from "./cross-entropy-softmax";
import { lnOutput } from "./log-space";
import { repairColumns, repairElementwise } from "./saturation";

/** y·ln(a) with 0·ln(0) = 0, as numpy's nan_to_num does in network2.py; ln of a < 0 stays NaN. */
function yLogA(y: number, a: number): number {
  return y === 0 ? 0 : y * lnOutput(a);
}

/**
 * From the outputs alone (any activation but sigmoid and softmax, or no z given). A
 * saturated wrong output (a = 1 with y = 0) counts −ln 2⁻¹⁰⁷⁴ ≈ 744.4 (see lnOutput), so
 * the sum stays finite; NaN is not hidden: it means outputs outside [0, 1].
 */
function valueFromOutputs(a: Matrix, y: Matrix): number {
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) {
    const ai = a.data[i];
    const yi = y.data[i];
    sum -= yLogA(yi, ai) + yLogA(1 - yi, 1 - ai);
  }
  return sum;
}

/**
 * On a sigmoid output, from z: ln σ(z) = −softplus(−z) and ln(1 − σ(z)) = −softplus(z), so
 * per unit C = y·softplus(−z) + (1 − y)·softplus(z) (= softplus(z) − y·z). With
 * softplus(±z) = max(±z, 0) + ln(1 + e^(−|z|)) that is a sum of terms ≥ 0 for y ∈ [0, 1]:
 *   C = ln(1 + e^(−|z|)) + y·max(−z, 0) + (1 − y)·max(z, 0),
 * finite and accurate for every finite z (≈ |z| where a confidently wrong σ(z) rounds to 0 or 1).
 */
function valueFromSigmoidLogits(z: Matrix, y: Matrix): number {
  let sum = 0;
  for (let i = 0; i < z.data.length; i++) {
    const zi = z.data[i];
    const yi = y.data[i];
    sum += log1p(exp(-Math.abs(zi)));
    if (yi !== 0) sum += yi * Math.max(-zi, 0);
    if (yi !== 1) sum += (1 - yi) * Math.max(zi, 0);
  }
  return sum;
}

/**
 * ∂C/∂a for the repair of saturated element-wise outputs, as (1 − y)/(1 − a) − y/a (the same
 * as (a − y)/(a(1 − a))) so each bound is handled alone: a term whose coefficient is 0 is
 * dropped (its limit: a = 1 with y = 1 gives −1, a = 0 with y = 0 gives 1, exactly), and a
 * denominator that rounded to 0 is taken as `spacing` (see spacingBelowOne).
 */
function gradientAtBounds(a: number, y: number, spacing: number): number {
  const wrongHigh = y === 1 ? 0 : (1 - y) / Math.max(1 - a, spacing);
  const wrongLow = y === 0 ? 0 : y / Math.max(a, spacing);
  return wrongHigh - wrongLow;
}

/**
 * Cross-entropy for outputs in (0, 1): C = −Σⱼ [yⱼ ln aⱼ + (1 − yⱼ) ln(1 − aⱼ)].
 * ∂C/∂a = (a − y) / (a(1 − a)); with a sigmoid output σ′(z) = a(1 − a) cancels and
 * δᴸ = a − y, which is why the output layer learns fast even when saturated.
 *
 * The value comes from z where it is given with a sigmoid or softmax output (log-sigmoid,
 * log-softmax: finite wherever z is), else from a (see valueFromOutputs). δᴸ is finite at
 * every finite z: sigmoid's a − y always is; through softmax or another element-wise
 * activation, the chain rule's 0·∞ at a saturated output is replaced by its limit
 * (cross-entropy-softmax.ts, saturation.ts). A user's activation that mixes a column gets
 * the plain chain rule.
 */
export const crossEntropy = defineCost({
  name: "crossEntropy",
  fn(a, y, z, activation) {
    if (z && activation === sigmoid) return valueFromSigmoidLogits(z, y);
    if (z && activation === softmax) return crossEntropySoftmaxValue(z, y);
    return valueFromOutputs(a, y);
  },
  derivative(a, y, out) {
    for (let i = 0; i < a.data.length; i++) {
      const ai = a.data[i];
      out.data[i] = (ai - y.data[i]) / (ai * (1 - ai));
    }
  },
  delta(z, a, y, activation, out, scratch) {
    if (activation === sigmoid) {
      for (let i = 0; i < a.data.length; i++) out.data[i] = a.data[i] - y.data[i];
      return;
    }
    chainRuleDelta(crossEntropy, z, a, y, activation, out, scratch);
    if (activation === softmax) {
      repairColumns(out, z, y, (j) => crossEntropySoftmaxColumnDelta(z, a, y, out, j));
    } else if (activation.elementwise) {
      repairElementwise(out, z, a, y, activation, scratch, gradientAtBounds);
    }
  },
});
