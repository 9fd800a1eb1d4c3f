import {
  array,
  boolean,
  INITIALIZERS,
  type Initializer,
  number,
  object,
  oneOf,
  optional,
  ownEntry,
  type Schema,
  string,
} from "@backprop/network";
import {
  OPTIMIZER_NAMES,
  type OptimizerName,
  type Regularization,
  SHUFFLES,
  type WeightDecay,
} from "@backprop/optimizers";
import { UsageError } from "./errors";
import { LAYER_SPEC_HELP, type LayerInit } from "./layer-spec";
import { LAYER_PRESETS, PRESETS } from "./presets";

/** Everything that decides a training run: saved in checkpoints and in the model's metadata. */
export interface TrainSettings {
  preset: string;
  dataset: string;
  layers: number[];
  activation: string;
  outputActivation: string;
  cost: string;
  init: Initializer;
  optimizer: OptimizerName;
  momentum: number;
  beta1: number;
  beta2: number;
  eta: number;
  lambda: number;
  regularization: Regularization;
  /** Absent in checkpoints and models older than the flag: "decoupled", the rule they used. */
  weightDecay?: WeightDecay;
  batchSize: number;
  epochs: number;
  seed: number;
  validation: boolean;
  earlyStop?: number;
  trainSize?: number;
  testSize?: number;
  /** Element type of the network (absent in checkpoints older than the flag: float64). */
  dtype?: "float64" | "float32";
}

const positiveInteger = number({ integer: true, min: 1, max: 2 ** 31 - 1 });
const name = string({ maxLength: 200 });

/** TrainSettings as a checkpoint stores them: checked whole before a resume uses any. */
export const trainSettingsSchema: Schema<TrainSettings> = object({
  preset: oneOf(Object.keys(PRESETS)),
  dataset: string({ maxLength: 4096 }),
  layers: array(positiveInteger, { minLength: 2, maxLength: 10_000 }),
  activation: name,
  outputActivation: name,
  cost: name,
  init: oneOf(INITIALIZERS),
  optimizer: oneOf(OPTIMIZER_NAMES),
  momentum: number({ min: 0, max: 1 }),
  beta1: number({ min: 0, max: 1 }),
  beta2: number({ min: 0, max: 1 }),
  eta: number({ min: 0 }),
  lambda: number({ min: 0 }),
  regularization: oneOf(["l2", "l1"]),
  weightDecay: optional(oneOf(["decoupled", "coupled"])),
  batchSize: positiveInteger,
  epochs: positiveInteger,
  seed: number({ integer: true, min: 0 }),
  validation: boolean,
  earlyStop: optional(positiveInteger),
  trainSize: optional(positiveInteger),
  testSize: optional(positiveInteger),
  dtype: optional(oneOf(["float64", "float32"])),
});

/** Flags of `train` that may differ when resuming: they do not change the arithmetic. */
export const RESUMABLE_FLAGS = [
  "epochs",
  "save",
  "checkpoint",
  "resume",
  "json",
  "quiet",
  "plugin",
  "threads", // two threads give bit-identical weights
  "sha256", // checks the data, changes nothing in it
];

/** The preset's settings, overridden by every flag given on the command line. */
export function resolveSettings(flags: Record<string, unknown>): TrainSettings {
  const presetName = String(flags.preset ?? "seed");
  if (flags.init === "network3")
    throw new UsageError(
      "--init network3 is network3.py's initialisation for layer networks; give --layers a layer spec or a layer preset, or another --init",
    );
  const preset = ownEntry(PRESETS, presetName);
  if (!preset) {
    throw new UsageError(
      `--preset: expected one of ${Object.keys(PRESETS).join(", ")}, got ${JSON.stringify(presetName)}`,
    );
  }
  const pick = picker(flags);
  const activation = pick("activation", preset.activation);
  return {
    preset: presetName,
    dataset: pick("dataset", "mnist"),
    layers: pick("layers", preset.layers),
    activation,
    outputActivation: pick("outputActivation", preset.outputActivation ?? activation),
    cost: pick("cost", preset.cost),
    init: pick("init", preset.init),
    optimizer: pick("optimizer", "sgd"),
    momentum: pick("momentum", 0.9),
    beta1: pick("beta1", 0.9),
    beta2: pick("beta2", 0.999),
    eta: pick("eta", preset.eta),
    lambda: pick("lambda", preset.lambda),
    regularization: pick("regularization", "l2"),
    weightDecay: pick("weightDecay", "decoupled"),
    batchSize: pick("batchSize", preset.batchSize),
    epochs: pick("epochs", preset.epochs),
    seed: pick("seed", 0),
    validation: pick("validation", preset.validation) || flags.earlyStop !== undefined,
    earlyStop: pick<number | undefined>("earlyStop", undefined),
    trainSize: pick<number | undefined>("trainSize", undefined),
    testSize: pick<number | undefined>("testSize", undefined),
    dtype: pick("dtype", "float64"),
  };
}

/** Everything that decides a layer network's training run (saved in its model's metadata). */
export interface LayerTrainSettings {
  preset: string;
  dataset: string;
  /** The layer spec, canonical (see layer-spec.ts). */
  layers: string;
  activation: string;
  outputActivation: string;
  cost: string;
  init: LayerInit;
  eta: number;
  lambda: number;
  batchSize: number;
  epochs: number;
  seed: number;
  validation: boolean;
  /** Trained on the book's expanded data (expandByShifts of the training images). */
  expand: boolean;
  /**
   * The mini-batches' order (trainLayers' shuffle). Absent in checkpoints and models from
   * before it could be chosen, which all trained with "every-epoch".
   */
  shuffle?: "every-epoch" | "once" | "never";
  /** The parameters' and batches' element type. */
  dtype: "float64" | "float32";
  /** Threads for the layers' matrix products, or "auto" (bit-identical results either way). */
  threads: 1 | 2 | "auto";
  trainSize?: number;
  testSize?: number;
}

/** LayerTrainSettings as a layer checkpoint stores them: checked whole before a resume uses any. */
export const layerTrainSettingsSchema: Schema<LayerTrainSettings> = object({
  preset: oneOf(Object.keys(LAYER_PRESETS)),
  dataset: string({ maxLength: 4096 }),
  layers: string({ maxLength: 10_000 }),
  activation: name,
  outputActivation: name,
  cost: name,
  init: oneOf([...INITIALIZERS, "network3"]),
  eta: number({ min: 0 }),
  lambda: number({ min: 0 }),
  batchSize: positiveInteger,
  epochs: positiveInteger,
  seed: number({ integer: true, min: 0 }),
  validation: boolean,
  expand: boolean,
  shuffle: optional(oneOf([...SHUFFLES])),
  dtype: oneOf(["float64", "float32"]),
  threads: oneOf([1, 2, "auto"]),
  trainSize: optional(positiveInteger),
  testSize: optional(positiveInteger),
});

/** Whether these flags ask for a layer network: a layer preset, or --layers given as a layer spec. */
export function isLayerRun(flags: Record<string, unknown>): boolean {
  return (
    (typeof flags.preset === "string" && ownEntry(LAYER_PRESETS, flags.preset) !== undefined) ||
    typeof flags.layers === "string"
  );
}

/** Flags of `train` the layer path does not have (yet), with why. */
const NOT_FOR_LAYERS: Record<string, string> = {
  optimizer: "layer networks train with the seed's SGD",
  momentum: "layer networks train with the seed's SGD",
  beta1: "layer networks train with the seed's SGD",
  beta2: "layer networks train with the seed's SGD",
  regularization: "λ is L2 for layer networks",
  weightDecay: "layer networks train with plain SGD, where coupled and decoupled decay agree",
  earlyStop: "early stopping is for size-list networks so far",
  kernels: "layer networks have one set of kernels",
};

/**
 * A layer run's settings: the layer preset's (conv1 when --layers names layers without
 * one), overridden by every flag given. Flags the layer path lacks are refused by name.
 */
export function resolveLayerSettings(
  flags: Record<string, unknown>,
  explicit: Set<string>,
): LayerTrainSettings {
  for (const name of explicit) {
    const why = ownEntry(NOT_FOR_LAYERS, name);
    if (why) {
      throw new UsageError(
        `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} does not apply to a layer network (${why}); drop it`,
      );
    }
  }
  const named = typeof flags.preset === "string" ? flags.preset : undefined;
  if (named !== undefined && ownEntry(LAYER_PRESETS, named) === undefined) {
    throw new UsageError(
      `--layers: a layer spec needs a layer preset (${Object.keys(LAYER_PRESETS).join(", ")}) or none; --preset ${named} is a size-list network`,
    );
  }
  const presetName = named ?? "conv1";
  const preset = LAYER_PRESETS[presetName];
  if (Array.isArray(flags.layers)) {
    throw new UsageError(
      `--layers: --preset ${presetName} takes a layer spec (${LAYER_SPEC_HELP}), like ${preset.layers}; got sizes ${(flags.layers as number[]).join(",")}`,
    );
  }
  const pick = picker(flags);
  const activation = pick("activation", preset.activation);
  return {
    preset: presetName,
    dataset: pick("dataset", "mnist"),
    layers: pick("layers", preset.layers),
    activation,
    outputActivation: pick("outputActivation", preset.outputActivation),
    cost: pick("cost", preset.cost),
    init: pick<LayerInit>("init", preset.init),
    eta: pick("eta", preset.eta),
    lambda: pick("lambda", preset.lambda),
    batchSize: pick("batchSize", preset.batchSize),
    epochs: pick("epochs", preset.epochs),
    seed: pick("seed", 0),
    validation: pick("validation", preset.validation),
    expand: preset.expand,
    // network3's order with a conv preset; a bare layer spec shuffles every epoch, as `train`.
    shuffle: pick("shuffle", named ? preset.shuffle : "every-epoch"),
    dtype: pick("dtype", "float64"),
    threads: layerThreads(flags.threads),
    trainSize: pick<number | undefined>("trainSize", undefined),
    testSize: pick<number | undefined>("testSize", undefined),
  };
}

/**
 * --threads for a layer network: 1, 2 (its products split between two threads) or "auto"
 * (the default: trainLayers measures both and uses the faster, checking again as training
 * runs). The weights are the same bits whichever.
 */
export function layerThreads(flag: unknown): 1 | 2 | "auto" {
  if (flag === undefined || flag === "auto") return "auto";
  if (flag === "1" || flag === 1) return 1;
  if (flag === "2" || flag === 2) return 2;
  throw new UsageError(
    `--threads ${String(flag)}: a layer network takes --threads 1, 2 or auto (the default)`,
  );
}

/** The threads to build a layer network's layers with: "auto" starts on one. */
export function buildThreads(threads: 1 | 2 | "auto"): 1 | 2 {
  return threads === "auto" ? 1 : threads;
}

/** A flag's value if given on the command line, else the preset's. */
function picker(flags: Record<string, unknown>) {
  return <T>(key: string, fallback: T): T =>
    flags[key] === undefined ? fallback : (flags[key] as T);
}
