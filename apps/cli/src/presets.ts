import type { Initializer } from "@backprop/network";

/** Training settings a preset fills in; flags given on the command line win. */
export interface Preset {
  description: string;
  layers: number[];
  activation: string;
  outputActivation?: string;
  cost: string;
  init: Initializer;
  eta: number;
  lambda: number;
  batchSize: number;
  epochs: number;
  validation: boolean;
}

/** The seed article's own experiment (network.py in chapter 1 of the book). */
const SEED: Preset = {
  description:
    "the seed's network.py: 784-30-10, sigmoid, quadratic cost, N(0, 1), η = 3.0 (book: 95.42% best of 30 epochs)",
  layers: [784, 30, 10],
  activation: "sigmoid",
  cost: "quadratic",
  init: "standard",
  eta: 3,
  lambda: 0,
  batchSize: 10,
  epochs: 30,
  validation: false,
};

export const PRESETS: Record<string, Preset> = {
  seed: SEED,
  wide: {
    ...SEED,
    description: "the seed's settings with 100 hidden neurons: 784-100-10 (book: 96.59%)",
    layers: [784, 100, 10],
  },
  network2: {
    description:
      "the book's chapter 3 (network2.py): 784-100-10, cross-entropy, N(0, 1/n) weights, λ = 5.0, η = 0.5 (book: 97.92% on validation)",
    layers: [784, 100, 10],
    activation: "sigmoid",
    cost: "crossEntropy",
    init: "scaled",
    eta: 0.5,
    lambda: 5,
    batchSize: 10,
    epochs: 30,
    validation: true,
  },
};
