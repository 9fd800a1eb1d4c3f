import { softmax } from "../activations/softmax";
import { chainRuleDelta, defineCost } from "../cost";

/**
 * Log-likelihood for a softmax output and one-hot y: C = −Σⱼ yⱼ ln aⱼ (= −ln a_label).
 * ∂C/∂a = −y / a; through softmax's Jacobian that becomes δᴸ = a − y.
 */
export const logLikelihood = defineCost({
  name: "logLikelihood",
  fn(a, y) {
    let sum = 0;
    for (let i = 0; i < a.data.length; i++) {
      const yi = y.data[i];
      if (yi !== 0) sum -= yi * Math.log(a.data[i]);
    }
    return sum;
  },
  derivative(a, y, out) {
    for (let i = 0; i < a.data.length; i++) {
      const yi = y.data[i];
      out.data[i] = yi === 0 ? 0 : -yi / a.data[i];
    }
  },
  delta(z, a, y, activation, out, scratch) {
    if (activation === softmax) {
      for (let i = 0; i < a.data.length; i++) out.data[i] = a.data[i] - y.data[i];
    } else {
      chainRuleDelta(logLikelihood, z, a, y, activation, out, scratch);
    }
  },
});
