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
export type { LayerLoadOptions, LayerModelFile } from "./layer-model-file";
export { layerModelToJson, loadLayerModel, toLayerModelFile } from "./layer-model-file";
export type {
  Conv2dRecord,
  DenseRecord,
  DropoutRecord,
  FlattenRecord,
  LayerRecord,
  PoolRecord,
} from "./layer-records";
export { avgPool } from "./layers/avg-pool";
export type {
  LayerGradientCheckOptions,
  LayerGradientMismatch,
  LayerGradientReport,
} from "./layers/check-layer-gradients";
export { checkLayerGradients, checkLayerNetworkGradients } from "./layers/check-layer-gradients";
// Layers (the book's chapter 6, network3.py): dense, conv2d, pooling, flatten, dropout.
export type { ConvGeometry, Padding } from "./layers/conv-geometry";
export { convGeometry } from "./layers/conv-geometry";
export type { Conv2dLayer, Conv2dOptions } from "./layers/conv2d";
export { conv2d } from "./layers/conv2d";
export type { ConvGradients } from "./layers/conv2d-naive";
export { conv2dBackwardNaive, conv2dForwardNaive } from "./layers/conv2d-naive";
export type { DenseOptions } from "./layers/dense";
export { dense } from "./layers/dense";
export type { DropoutLayer, DropoutMode, DropoutOptions } from "./layers/dropout";
export { dropout } from "./layers/dropout";
export type { FlattenOptions } from "./layers/flatten";
export { flatten } from "./layers/flatten";
export type { ActivatedLayer, Layer, Shape3 } from "./layers/layer";
export { isActivatedLayer } from "./layers/layer";
export type { BatchMeasurement, LayerNetworkOptions } from "./layers/layer-network";
export { LayerNetwork } from "./layers/layer-network";
export { maxPool } from "./layers/max-pool";
export type { PoolGeometry, PoolLayer, PoolOptions } from "./layers/pool-geometry";
export type { LoadOptions, ModelFile } from "./model-file";
export {
  LAYER_MODEL_VERSION,
  loadModel,
  MODEL_FORMAT,
  MODEL_VERSION,
  modelToJson,
  toModelFile,
} from "./model-file";
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
