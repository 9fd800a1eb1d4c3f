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
  type WeightDecay,
} from "@backprop/optimizers";
import { UsageError } from "./errors";
import { PRESETS } from "./presets";

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
  const preset = ownEntry(PRESETS, presetName);
  if (!preset) {
    throw new UsageError(
      `--preset: expected one of ${Object.keys(PRESETS).join(", ")}, got ${JSON.stringify(presetName)}`,
    );
  }
  const pick = <T>(key: string, fallback: T): T =>
    flags[key] === undefined ? fallback : (flags[key] as T);
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
