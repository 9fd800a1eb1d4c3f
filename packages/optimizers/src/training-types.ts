import type { LabelledSamples, Rng, RngState } from "@backprop/linalg";
import type { Evaluation } from "./evaluate-data";
import type { Optimizer, OptimizerState } from "./optimizer";
import type { Regularization, WeightDecay } from "./regularization";
import type { Schedule, ScheduleState } from "./schedules";

/** What {@link train} runs: the seed's SGD(training_data, epochs, mini_batch_size, eta, test_data) and more. */
export interface TrainOptions {
  /** Epochs to run in all (a resumed run counts the ones already done); the seed's 30. */
  epochs: number;
  /** Samples per mini-batch, m (the seed's 10); the last batch of an epoch may be smaller. */
  batchSize: number;
  /** η, the learning rate (the seed's 3.0 for sigmoid + quadratic on MNIST). */
  eta: number;
  /** Default: plain SGD, the seed's update. */
  optimizer?: Optimizer;
  /** L2 (default) or L1 regularisation strength λ, scaled by the training set's size. */
  lambda?: number;
  /** Which decay λ applies: "l2" (default, w ← w − ηλ/n·w) or "l1" (w ← w − ηλ/n·sgn w). */
  regularization?: Regularization;
  /**
   * With momentum or Adam, how λ's decay meets the rule: "decoupled" (default; SGDW/AdamW,
   * and network2.py's rule for SGD) or "coupled" (added to the gradient, as PyTorch's
   * `weight_decay`). See WeightDecay.
   */
  weightDecay?: WeightDecay;
  /** The generator that shuffles each epoch; or `seed` (default 0) to make one. */
  rng?: Rng;
  /** Seed for the shuffling generator when no `rng` is given; default 0. */
  seed?: number;
  /** Evaluated after every epoch, as the seed's test_data ("Epoch 0: 9129 / 10000"). */
  test?: LabelledSamples;
  /** Watched by early stopping and the "plateau" schedule, and evaluated every epoch. */
  validation?: LabelledSamples;
  /** Also evaluate on the training data each epoch (network2's monitor_training_*). */
  monitorTraining?: boolean;
  /** How η changes between epochs; default { kind: "constant" }, the seed's. */
  schedule?: Schedule;
  /** Stop after `patience` epochs without a better validation accuracy, keeping the best weights. */
  earlyStop?: {
    /** Epochs without a better validation accuracy to wait before stopping (≥ 1). */
    patience: number;
  };
  /** Continue from a state given to `onCheckpoint` (with the network's weights from then). */
  resume?: TrainingState;
  /** After every epoch (evaluations included): its record, as the seed prints "Epoch 0: 9129 / 10000". */
  onEpoch?(record: EpochRecord): void;
  /** After every epoch: everything needed to continue later, as plain JSON-able data. */
  onCheckpoint?(state: TrainingState): void;
  /** After every mini-batch: for progress bars (keep it cheap: it runs thousands of times an epoch). */
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

/** Where an epoch stands, given to TrainOptions.onBatch after every mini-batch. */
export interface BatchProgress {
  /** The epoch running, from 0. */
  epoch: number;
  /** Batches done in this epoch, and how many it has. */
  batch: number;
  /** Batches in this epoch: ⌈training size / batchSize⌉. */
  batches: number;
  /**
   * Brings network.weights[0] up to date. During an epoch the sparse first layer may update
   * its own copy of w¹, synced at the end of each epoch; call this to read the weights
   * mid-epoch (it may cost a copy of w¹).
   */
  sync(): void;
}

/** One epoch's results, as TrainOptions.onEpoch receives them and TrainResult.history keeps them. */
export interface EpochRecord {
  /** The epoch, from 0 (the seed prints "Epoch 0: …"). */
  epoch: number;
  /** The learning rate η this epoch trained with. */
  eta: number;
  /** Training time of the epoch (evaluation excluded). */
  seconds: number;
  /** Training samples over seconds: the speed, evaluation excluded. */
  samplesPerSecond: number;
  /** Accuracy and cost on TrainOptions.test, when given. */
  test?: Evaluation;
  /** Accuracy and cost on TrainOptions.validation, when given. */
  validation?: Evaluation;
  /** Accuracy and cost on the training data, with monitorTraining. */
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
  /** This epoch's accuracy on that data, in [0, 1]. */
  accuracy: number;
  /** The share of that data's most frequent class: what predicting one class for everything scores at best. */
  chance: number;
  /** The best earlier epoch on that data, and its accuracy. */
  bestEpoch: number;
  /** The accuracy of bestEpoch on that data, in [0, 1]. */
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
  /** The shuffling generator's state at the start of that epoch. */
  rng: RngState;
  /** The optimizer's buffers (velocity, moments) and step count. */
  optimizer: OptimizerState;
  /** The learning-rate schedule's state (η for the next epoch, plateau counters). */
  schedule: ScheduleState;
  /** Early stopping's best epoch so far and its weights (weights, then biases). */
  best: {
    /** That epoch's validation accuracy, in [0, 1]. */
    accuracy: number;
    /** The epoch, from 0. */
    epoch: number;
    /** Its parameters, flat and row-major: every weight matrix, then every bias vector. */
    parameters: number[][];
  } | null;
  /** Every epoch's record so far. */
  history: EpochRecord[];
}

/** How a training run ended, and what it recorded. */
export interface TrainResult {
  /** One record per epoch run, resumed ones included. */
  history: EpochRecord[];
  /**
   * Why it stopped: all epochs ran, early stopping ran out of patience, the schedule's
   * η fell below minEta, or the signal aborted it (between mini-batches).
   */
  stoppedBy: "epochs" | "early-stop" | "schedule" | "abort";
  /** With early stopping: the epoch whose weights the network now holds. */
  bestEpoch?: number;
}
