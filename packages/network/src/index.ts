/**
 * The seed's feed-forward network: `feedforward`, `backprop` (BP1–BP4 as a dynamic
 * programme), `evaluate`, a batched backprop, gradient checks, and versioned model files.
 *
 * @module @backprop/network
 */
export type { BackpropTrace } from "./backprop";
export { backpropBatch, traceBackprop } from "./backprop";
export type { BackpropWorkspace, LayerBuffers } from "./backprop-workspace";
export { createBackpropWorkspace } from "./backprop-workspace";
export type { ExpansionResult } from "./chain-rule-expansion";
export {
  backpropMultiplications,
  expandChainRule,
  expansionMultiplications,
} from "./chain-rule-expansion";
export { ModelFileError, NetworkShapeError } from "./errors";
export type {
  GradientCheckOptions,
  GradientCheckReport,
  GradientComparison,
} from "./gradient-check";
export { checkGradients } from "./gradient-check";
export type { Gradients } from "./gradients";
export { zeroGradients } from "./gradients";
export type { Initializer } from "./initializers";
export { INITIALIZERS } from "./initializers";
export type { LoadOptions, ModelFile } from "./model-file";
export { loadModel, MODEL_FORMAT, MODEL_VERSION, modelToJson, toModelFile } from "./model-file";
export type { NetworkOptions } from "./network";
export { Network } from "./network";
export { fromNetwork2Json, toNetwork2Json } from "./network2-format";
export type { Prediction } from "./prediction";
export type { ArrayRule, NumberRule, Optional, Schema } from "./schema";
export {
  anyObject,
  array,
  boolean,
  childPath,
  describe,
  json,
  jsonObject,
  nullable,
  number,
  object,
  oneOf,
  optional,
  ownEntry,
  refine,
  SchemaError,
  string,
} from "./schema";
