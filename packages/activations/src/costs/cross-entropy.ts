import { sigmoid } from "../activations/sigmoid";
import { chainRuleDelta, defineCost } from "../cost";

/** y·ln(a) with 0·ln(0) = 0, as numpy's nan_to_num does in network2.py; ln of a < 0 stays NaN. */
function yLogA(y: number, a: number): number {
  return y === 0 ? 0 : y * Math.log(a);
}

/**
 * Cross-entropy for outputs in (0, 1): C = −Σⱼ [yⱼ ln aⱼ + (1 − yⱼ) ln(1 − aⱼ)].
 * ∂C/∂a = (a − y) / (a(1 − a)); with a sigmoid output σ′(z) = a(1 − a) cancels and
 * δᴸ = a − y, which is why the output layer learns fast even when saturated.
 */
export const crossEntropy = defineCost({
  name: "crossEntropy",
  fn(a, y) {
    let sum = 0;
    for (let i = 0; i < a.data.length; i++) {
      const ai = a.data[i];
      const yi = y.data[i];
      const term = -yLogA(yi, ai) - yLogA(1 - yi, 1 - ai);
      // As network2.py's nan_to_num: 0·ln 0 counts 0 (yLogA), and a saturated wrong answer
      // is huge rather than ∞. NaN is not hidden: it means outputs outside [0, 1].
      sum += Math.min(term, Number.MAX_VALUE);
    }
    return sum;
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
    } else {
      chainRuleDelta(crossEntropy, z, a, y, activation, out, scratch);
    }
  },
});
