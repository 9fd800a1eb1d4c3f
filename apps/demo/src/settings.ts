/**
 * What the controls choose: the data set, the network and the training run. The page reads
 * it from the form and sends it to the worker, which builds the data and the network from it.
 */
import type { Initializer } from "@backprop/network";

export const DATASETS = ["mnist", "moons", "circles", "spirals", "xor"] as const;
export type DatasetName = (typeof DATASETS)[number];

/** MNIST's network: the seed's fully connected one, or the small conv net of conv-net.ts. */
export type NetworkKind = "fc" | "conv";

export interface Settings {
  dataset: DatasetName;
  /**
   * "conv" (MNIST only) trains conv-net.ts's fixed net with η, mini-batch, epochs, λ and
   * seed from here; hidden, activations, cost, init and optimizer are the FC net's.
   */
  kind: NetworkKind;
  /** MNIST only: the first N of the seed's 50,000 training images. */
  trainingSize: number;
  /** MNIST only: the first N of the 10,000 test images. */
  testSize: number;
  /** Hidden layer sizes; the input and output layers follow from the data set. */
  hidden: number[];
  activation: string;
  outputActivation: string;
  cost: string;
  init: Initializer;
  optimizer: string;
  eta: number;
  lambda: number;
  batchSize: number;
  epochs: number;
  seed: number;
}

/** The seed's experiment (784-30-10, sigmoid, quadratic cost, η = 3, mini-batches of 10) on a first-load-friendly subset. */
export const DEFAULT_SETTINGS: Settings = {
  dataset: "mnist",
  kind: "fc",
  trainingSize: 10_000,
  testSize: 10_000,
  hidden: [30],
  activation: "sigmoid",
  outputActivation: "sigmoid",
  cost: "quadratic",
  init: "standard",
  optimizer: "sgd",
  eta: 3,
  lambda: 0,
  batchSize: 10,
  epochs: 30,
  seed: 0,
};

const TWO_D = {
  hidden: [8],
  activation: "tanh",
  outputActivation: "sigmoid",
  cost: "crossEntropy",
  init: "xavier",
  optimizer: "sgd",
  eta: 0.5,
  lambda: 0,
  batchSize: 10,
  epochs: 200,
} as const satisfies Partial<Settings>;

/** Settings that train each data set well, filled in when the data set changes (all editable). */
export const PRESETS: Record<DatasetName, Partial<Settings>> = {
  mnist: { ...DEFAULT_SETTINGS },
  moons: { ...TWO_D, hidden: [...TWO_D.hidden] },
  circles: { ...TWO_D, hidden: [...TWO_D.hidden] },
  xor: { ...TWO_D, hidden: [...TWO_D.hidden], epochs: 100 },
  spirals: {
    ...TWO_D,
    hidden: [16, 16],
    activation: "relu",
    outputActivation: "softmax",
    cost: "logLikelihood",
    optimizer: "adam",
    eta: 0.01,
  },
};

/** What was wrong, for a message in the page's language (the Error message is English). */
export type SettingsProblem =
  | { kind: "hiddenSize"; got: string }
  | { kind: "hiddenCount"; got: number }
  | { kind: "other" };

/** A setting the form holds that cannot be used; `field` names the control. */
export class SettingsError extends Error {
  override readonly name = "SettingsError";
  constructor(
    readonly field: string,
    message: string,
    readonly problem: SettingsProblem = { kind: "other" },
  ) {
    super(message);
  }
}

/** "30" or "16, 16" → [30] or [16, 16]; empty text means no hidden layer. */
export function parseHiddenSizes(text: string): number[] {
  const parts = text
    .split(/[\s,]+/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
  const sizes = parts.map(Number);
  const bad = parts.find((part) => {
    const n = Number(part);
    return !Number.isInteger(n) || n < 1 || n > 1000;
  });
  if (bad !== undefined) {
    throw new SettingsError(
      "hidden",
      `hidden layer sizes: "${bad}" is not a whole number from 1 to 1000; write sizes separated by commas, e.g. 30 or 16, 16`,
      { kind: "hiddenSize", got: bad },
    );
  }
  if (sizes.length > 6) {
    throw new SettingsError("hidden", `at most 6 hidden layers, got ${sizes.length}`, {
      kind: "hiddenCount",
      got: sizes.length,
    });
  }
  return sizes;
}

/** Every layer's size, input first: [features, ...hidden, classes]. */
export function layerSizes(settings: Settings, features: number, classes: number): number[] {
  return [features, ...settings.hidden, classes];
}

/** True if the data set is one of the 2-D synthetic sets (drawn as decision regions). */
export function isTwoD(dataset: DatasetName): boolean {
  return dataset !== "mnist";
}
