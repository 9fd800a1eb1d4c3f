import type { Activation } from "./activation";
import { identity } from "./activations/identity";
import { isLeakyRelu, relu } from "./activations/relu";
import { sigmoid } from "./activations/sigmoid";
import { softmax } from "./activations/softmax";
import { softplus } from "./activations/softplus";
import { tanh } from "./activations/tanh";
import type { Cost } from "./cost";
import { crossEntropy } from "./costs/cross-entropy";
import { logLikelihood } from "./costs/log-likelihood";
import { quadratic } from "./costs/quadratic";

const ACTIVATIONS: ReadonlySet<Activation> = new Set([
  sigmoid,
  tanh,
  relu,
  identity,
  softplus,
  softmax,
]);
const COSTS: ReadonlySet<Cost> = new Set([quadratic, crossEntropy, logLikelihood]);

/**
 * Whether `activation` is one this package exports (sigmoid, tanh, relu, any leakyRelu(…),
 * identity, softplus, softmax), by identity, not by name: a user's or a plugin's activation
 * may be called "sigmoid" too. For error messages that must say whose code failed.
 */
export function isBuiltInActivation(activation: Activation): boolean {
  return ACTIVATIONS.has(activation) || isLeakyRelu(activation);
}

/** Whether `cost` is one this package exports (quadratic, crossEntropy, logLikelihood). */
export function isBuiltInCost(cost: Cost): boolean {
  return COSTS.has(cost);
}
