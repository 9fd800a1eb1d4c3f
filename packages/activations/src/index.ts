/**
 * Activations σ(z) and costs C(a, y), each with its derivative beside it (σ′ and BP1's
 * δᴸ), vectorised over a batch; registries that users extend with their own, and a
 * central-difference check of an activation's derivative.
 *
 * @module @backprop/activations
 */
export type { Activation, ActivationDefinition } from "./activation";
export { defineActivation, elementwiseActivation, scalarActivation } from "./activation";
export { identity } from "./activations/identity";
export { DEFAULT_LEAKY_SLOPE, leakyRelu, relu } from "./activations/relu";
export { sigmoid, sigmoidScalar } from "./activations/sigmoid";
export { softmax } from "./activations/softmax";
export { softplus, softplusScalar } from "./activations/softplus";
export { tanh } from "./activations/tanh";
export { isBuiltInActivation, isBuiltInCost } from "./built-ins";
export type { Cost, CostDefinition } from "./cost";
export { chainRuleDelta, defineCost } from "./cost";
export { crossEntropy } from "./costs/cross-entropy";
export { logLikelihood } from "./costs/log-likelihood";
export { quadratic } from "./costs/quadratic";
export type {
  DerivativeCheckOptions,
  DerivativeMismatch,
  DerivativeReport,
} from "./derivative-check";
export { checkActivationDerivative } from "./derivative-check";
export { DuplicateNameError, InvalidDefinitionError, UnknownNameError } from "./errors";
export {
  activationNames,
  costNames,
  getActivation,
  getCost,
  hasActivation,
  hasCost,
  registerActivation,
  registerCost,
} from "./registry";
