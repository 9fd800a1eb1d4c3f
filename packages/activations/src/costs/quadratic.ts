import { defineCost } from "../cost";

/**
 * The seed's cost: C = ½‖a − y‖² per sample; ∂C/∂a = a − y (the seed's `cost_derivative`),
 * so BP1 gives δᴸ = (a − y) ⊙ σ′(zᴸ).
 */
export const quadratic = defineCost({
  name: "quadratic",
  fn(a, y) {
    let sum = 0;
    for (let i = 0; i < a.data.length; i++) {
      const d = a.data[i] - y.data[i];
      sum += d * d;
    }
    return 0.5 * sum;
  },
  derivative(a, y, out) {
    for (let i = 0; i < a.data.length; i++) out.data[i] = a.data[i] - y.data[i];
  },
});
