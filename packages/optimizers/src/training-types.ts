import type { ClassificationData } from "@backprop/datasets";
import type { Rng, RngState } from "@backprop/linalg";
import type { Evaluation } from "./evaluate-data";
import type { Optimizer, OptimizerState } from "./optimizer";
import type { Regularization, WeightDecay } from "./regularization";
import type { Schedule, ScheduleState } from "./schedules";

export interface TrainOptions {
  epochs: number;
  batchSize: number;
  /** η, the learning rate (the seed's 3.0 for sigmoid + quadratic on MNIST). */
  eta: number;
  /** Default: plain SGD, the seed's update. */
  optimizer?: Optimizer;
  /** L2 (default) or L1 regularisation strength λ, scaled by the training set's size. */
  lambda?: number;
  regularization?: Regularization;
  /**
   * With momentum or Adam, how λ's decay meets the rule: "decoupled" (default; SGDW/AdamW,
   * and network2.py's rule for SGD) or "coupled" (added to the gradient, as PyTorch's
   * `weight_decay`). See WeightDecay.
   */
  weightDecay?: WeightDecay;
  /** The generator that shuffles each epoch; or `seed` (default 0) to make one. */
  rng?: Rng;
  seed?: number;
  /** Evaluated after every epoch, as the seed's test_data ("Epoch 0: 9129 / 10000"). */
  test?: ClassificationData;
  /** Watched by early stopping and the "plateau" schedule, and evaluated every epoch. */
  validation?: ClassificationData;
  /** Also evaluate on the training data each epoch (network2's monitor_training_*). */
  monitorTraining?: boolean;
  schedule?: Schedule;
  /** Stop after `patience` epochs without a better validation accuracy, keeping the best weights. */
  earlyStop?: { patience: number };
  /** Continue from a state given to `onCheckpoint` (with the network's weights from then). */
  resume?: TrainingState;
  onEpoch?(record: EpochRecord): void;
  /** After every epoch: everything needed to continue later, as plain JSON-able data. */
  onCheckpoint?(state: TrainingState): void;
  onBatch?(progress: BatchProgress): void;
  /** Stops cleanly between mini-batches. */
  signal?: AbortSignal;
  /**
   * The kernels of the sparse first layer (image data): "auto" (default) runs WebAssembly
   * SIMD where it runs, "js" the plain-JS reference. Both skip zero pixels and give the same
   * weights (bit for bit in float64); a checkpoint written with one resumes with the other.
   * "fma" is "auto" with the dense layers' products on fused multiply-adds where the
   * engine has relaxed SIMD (Node ≥ 22, Chrome ≥ 114; Node 20 with
   * --experimental-wasm-relaxed-simd): faster for wide layers, but rounded differently, so
   * the weights are no longer the seed's bit for bit. Told through onNotice if unavailable.
   */
  kernels?: "auto" | "js" | "fma";
  /**
   * 2 runs the SIMD first layer's kernels on two cores (Node ≥ 20.16; one elsewhere), each
   * taking a share of the hidden neurons, so the weights are bit-identical to one thread's.
   * "auto" starts the second thread and uses it only while it measures faster, checking
   * again every second (a core that gets busy mid-run is noticed): the choice for a
   * machine that may have other work. Default 1.
   */
  threads?: 1 | 2 | "auto";
  /** Told in one line when a second thread was asked for but cannot start. Default: console.warn. */
  onNotice?(message: string): void;
}

export interface BatchProgress {
  epoch: number;
  /** Batches done in this epoch, and how many it has. */
  batch: number;
  batches: number;
  /**
   * Brings network.weights[0] up to date. During an epoch the sparse first layer may update
   * its own copy of w¹, synced at the end of each epoch; call this to read the weights
   * mid-epoch (it may cost a copy of w¹).
   */
  sync(): void;
}

export interface EpochRecord {
  epoch: number;
  eta: number;
  /** Training time of the epoch (evaluation excluded). */
  seconds: number;
  samplesPerSecond: number;
  test?: Evaluation;
  validation?: Evaluation;
  training?: Evaluation;
  /**
   * Set on the epoch where accuracy (on validation data, else test data, else training
   * data with monitorTraining) fell to chance after an earlier epoch was well above it:
   * training goes on, but the network has most likely collapsed. See collapseWarning.
   */
  warning?: TrainingWarning;
}

/** Something wrong that training does not stop for (EpochRecord.warning). */
export interface TrainingWarning {
  /** "collapse": accuracy fell to chance after an earlier epoch was well above it. */
  kind: "collapse";
  /** One line for people: what happened and what to try. */
  message: string;
  /** The evaluation it was seen on. */
  on: "validation" | "test" | "training";
  accuracy: number;
  /** The share of that data's most frequent class: what predicting one class for everything scores at best. */
  chance: number;
  /** The best earlier epoch on that data, and its accuracy. */
  bestEpoch: number;
  bestAccuracy: number;
}

/**
 * Where training stands after an epoch, beside the network's weights. Resuming from it
 * gives bit-identical weights to a run that never stopped: the shuffle order of each epoch
 * depends only on the generator's state at its start.
 */
export interface TrainingState {
  /** The next epoch to run. */
  epoch: number;
  rng: RngState;
  optimizer: OptimizerState;
  schedule: ScheduleState;
  /** Early stopping's best epoch so far and its weights (weights, then biases). */
  best: { accuracy: number; epoch: number; parameters: number[][] } | null;
  history: EpochRecord[];
}

export interface TrainResult {
  history: EpochRecord[];
  stoppedBy: "epochs" | "early-stop" | "schedule" | "abort";
  /** With early stopping: the epoch whose weights the network now holds. */
  bestEpoch?: number;
}
