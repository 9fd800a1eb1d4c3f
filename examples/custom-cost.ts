/**
 * Your own cost: the pseudo-Huber loss, quadratic for small errors and linear for large
 * ones, so a few badly wrong outputs do not dominate the gradient:
 *
 *   C = Σ δ²(√(1 + ((a − y)/δ)²) − 1),   ∂C/∂a = (a − y) / √(1 + ((a − y)/δ)²)
 *
 * defineCost takes the value and ∂C/∂a; BP1's δᴸ = ∂C/∂a ⊙ σ′(zᴸ) then follows by the chain
 * rule (give `delta` only where the algebra simplifies, as cross-entropy's a − y). The
 * gradient check compares backprop with finite differences of this cost; then a network
 * trained with it learns XOR.
 *
 *   node --import tsx examples/custom-cost.ts
 */
import { defineCost } from "@backprop/activations";
import { makeXor } from "@backprop/datasets";
import { Matrix, Rng } from "@backprop/linalg";
import { checkGradients, Network } from "@backprop/network";
import { train } from "@backprop/optimizers";

const DELTA = 0.5; // where the loss turns from quadratic to linear

const pseudoHuber = defineCost({
  name: "pseudoHuber",
  // a, y: outputs × samples; the value is summed over every sample (columns).
  fn(a, y) {
    let sum = 0;
    for (let i = 0; i < a.data.length; i++) {
      const r = (a.data[i] - y.data[i]) / DELTA;
      sum += DELTA * DELTA * (Math.sqrt(1 + r * r) - 1);
    }
    return sum;
  },
  derivative(a, y, out) {
    for (let i = 0; i < a.data.length; i++) {
      const d = a.data[i] - y.data[i];
      out.data[i] = d / Math.sqrt(1 + (d / DELTA) ** 2);
    }
  },
});

const network = new Network({ sizes: [2, 4, 2], cost: pseudoHuber, seed: 3 });

// Backprop (BP1–BP4 through the new cost) against finite differences, on two samples.
const x = Matrix.fromArrays([
  [0, 1],
  [1, 1],
]);
const y = Matrix.fromArrays([
  [1, 0],
  [0, 1],
]);
const check = checkGradients(network, x, y);
console.log(`gradient check: worst relative error ${check.worst.relativeError.toExponential(1)}`);

const xor = makeXor({ rng: new Rng(0) });
const { history } = train(network, xor, { epochs: 2000, batchSize: 4, eta: 3, seed: 1, test: xor });
const last = history[history.length - 1];
console.log(`XOR with pseudo-Huber: ${last.test?.correct} / ${last.test?.total}`);
