/**
 * Training: the seed's mini-batch SGD (`updateMiniBatch`), momentum, Nesterov and Adam, L1/L2
 * weight decay, learning-rate schedules, early stopping, callbacks, cancellation and
 * resumable training state.
 *
 * @module @backprop/optimizers
 */
export type { AdamOptions } from "./adam";
export { adam } from "./adam";
export { chanceAccuracy, collapseWarning } from "./collapse-warning";
export type { OptimizerName, OptimizerSettings } from "./create-optimizer";
export { createOptimizer, OPTIMIZER_NAMES } from "./create-optimizer";
export type { DivergenceDiagnosis, DivergenceSource } from "./divergence";
export { DivergenceError, TrainingOptionsError } from "./errors";
export type { Evaluation } from "./evaluate-data";
export { evaluateData } from "./evaluate-data";
export { evaluateLayers } from "./evaluate-layers";
export type { LayerTrainingState, Shuffle } from "./layer-training-state";
export { parseLayerTrainingState, SHUFFLES } from "./layer-training-state";
export type { MomentumOptions } from "./momentum";
export { momentum, nesterov } from "./momentum";
export type { Optimizer, OptimizerState } from "./optimizer";
export { BlockStates } from "./optimizer";
export type { Regularization, WeightDecay } from "./regularization";
export { addDecayToGradients, decayWeights } from "./regularization";
export type { Schedule, ScheduleState } from "./schedules";
export { advanceSchedule, startSchedule } from "./schedules";
export { sgd } from "./sgd";
export { train, trainAsync } from "./train";
export type {
  LayerEpochRecord,
  TrainLayersOptions,
  TrainLayersResult,
} from "./train-layers";
export { layerTrainingSteps, trainLayers, trainLayersAsync } from "./train-layers";
export { parseTrainingState } from "./training-state-schema";
export { trainingSteps } from "./training-steps";
export type {
  BatchProgress,
  EpochRecord,
  TrainingState,
  TrainingWarning,
  TrainOptions,
  TrainResult,
} from "./training-types";
export type { TrainingWorkspace, TrainingWorkspaceOptions } from "./training-workspace";
export { createTrainingWorkspace } from "./training-workspace";
export type { UpdateOptions, UpdateResult } from "./update-mini-batch";
export { updateMiniBatch } from "./update-mini-batch";
