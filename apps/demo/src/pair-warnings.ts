/**
 * Output activation and cost pairs that cannot learn, found from what the activation
 * outputs (so the page's custom activations are judged like the built-ins):
 *
 * - cross-entropy C = −Σ [y ln a + (1 − y) ln(1 − a)] and log-likelihood C = −ln aᵧ read
 *   the outputs as probabilities: an output below 0 or above 1 (ReLU, tanh, identity, …)
 *   makes a logarithm undefined, and training fails whatever η is ("notProbabilities");
 * - log-likelihood with outputs in (0, 1) that do not sum to 1 (sigmoid): ∂C/∂aᵢ = 0 for
 *   every wrong class i, so nothing pulls those outputs down; all of them climb towards 1
 *   and the prediction stays at chance ("notNormalised"). Softmax couples them.
 */
import type { Activation } from "@backprop/activations";
import { Matrix } from "@backprop/linalg";

export type PairProblem = "notProbabilities" | "notNormalised";

const PROBABILITY_COSTS = new Set(["crossEntropy", "logLikelihood"]);

/** The activation's outputs at z = −20 … 20 (step 0.1): its range, as far as it matters here. */
function outputRange(activation: Activation): { min: number; max: number } {
  const n = 401;
  const z = Matrix.fromFlat(
    1,
    n,
    Array.from({ length: n }, (_, i) => -20 + i / 10),
  );
  const a = Matrix.zeros(1, n);
  activation.fn(z, a);
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of a.data) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return { min, max };
}

/** Why `cost` cannot learn with `outputActivation` at the output, or undefined if it can. */
export function pairProblem(outputActivation: Activation, cost: string): PairProblem | undefined {
  if (!PROBABILITY_COSTS.has(cost) || outputActivation.name === "softmax") return undefined;
  if (!outputActivation.elementwise) return undefined;
  const { min, max } = outputRange(outputActivation);
  if (!(min >= 0 && max <= 1)) return "notProbabilities";
  return cost === "logLikelihood" ? "notNormalised" : undefined;
}
