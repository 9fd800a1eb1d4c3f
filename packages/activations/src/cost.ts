import type { Matrix } from "@backprop/linalg";
import type { Activation } from "./activation";
import { assertValidName } from "./activation";
import { InvalidDefinitionError } from "./errors";

/**
 * A cost C(a, y) over a batch (one sample per column), in the form of the seed's
 * successor network2.py: its value, ∂C/∂a, and BP1's output error δᴸ = ∂C/∂zᴸ.
 */
export interface Cost {
  /** The name model files store and the registry resolves ("quadratic", "crossEntropy"…). */
  readonly name: string;
  /**
   * Σ over the batch's columns of the per-sample cost C(a, y), a = σ(z) the output layer.
   * Callers that have the output layer's z and activation pass them (network.totalCost,
   * evaluateData, checkGradients do), so a cost can work from z where a has lost what it
   * needs: σ(40) rounds to exactly 1, and −ln(1 − a) would be ∞ where the true cost is ≈ 40.
   * The built-in log costs do so for sigmoid and softmax outputs (log-sigmoid, log-softmax);
   * a cost that ignores z (`fn(a, y)`) works as before.
   */
  fn(a: Matrix, y: Matrix, z?: Matrix, activation?: Activation): number;
  /** ∂C/∂a element by element, into `out` (the seed's `cost_derivative`). */
  derivative(a: Matrix, y: Matrix, out: Matrix): void;
  /**
   * BP1: δᴸ = ∇ₐC ⊙ σ′(zᴸ) in general (through `activation.backward`); a cost may
   * shortcut the pairs where the algebra simplifies (cross-entropy with sigmoid: a − y).
   * The built-in costs keep δᴸ finite at every finite z with an element-wise or softmax
   * output, also where an output rounded to exactly 0 or 1 and the general form would give
   * 0·∞ (see costs/saturation.ts).
   * `scratch` has z's shape and may be overwritten.
   */
  delta(
    z: Matrix,
    a: Matrix,
    y: Matrix,
    activation: Activation,
    out: Matrix,
    scratch: Matrix,
  ): void;
}

/**
 * What a user writes to make a Cost with {@link defineCost}: the value and ∂C/∂a, and
 * optionally BP1's δᴸ where the algebra simplifies.
 */
export interface CostDefinition {
  /** The name to register and store it under (same rules as an activation's name). */
  name: string;
  /** The value; z and the output activation are optional extras (see Cost.fn). */
  fn(a: Matrix, y: Matrix, z?: Matrix, activation?: Activation): number;
  /** ∂C/∂a element by element, into `out` (a, y, out: outputs × samples). */
  derivative(a: Matrix, y: Matrix, out: Matrix): void;
  /** Optional shortcut; when absent, δᴸ is ∂C/∂a pushed through the activation's chain rule. */
  delta?: Cost["delta"];
}

/** BP1 by the chain rule: g = ∂C/∂a (into out), then δ = activation.backward(z, a, g). */
export function chainRuleDelta(
  cost: Pick<Cost, "derivative">,
  z: Matrix,
  a: Matrix,
  y: Matrix,
  activation: Activation,
  out: Matrix,
  scratch: Matrix,
): void {
  cost.derivative(a, y, out);
  activation.backward(z, a, out, out, scratch);
}

/** Validates a cost and returns it frozen, ready for `registerCost` or direct use. */
export function defineCost(definition: CostDefinition): Cost {
  assertValidName("cost", definition?.name);
  for (const key of ["fn", "derivative"] as const) {
    if (typeof definition[key] !== "function") {
      throw new InvalidDefinitionError(
        `cost "${definition.name}": ${key} must be a function, got ${typeof definition[key]}`,
      );
    }
  }
  const cost: Cost = {
    name: definition.name,
    fn: definition.fn,
    derivative: definition.derivative,
    delta:
      definition.delta ??
      ((z, a, y, activation, out, scratch) =>
        chainRuleDelta(cost, z, a, y, activation, out, scratch)),
  };
  return Object.freeze(cost);
}
