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

/** Settings a layer preset (the book's chapter 6, network3.py) fills in; flags given win. */
export interface LayerPreset {
  description: string;
  /** A layer spec (see layer-spec.ts), input side first. */
  layers: string;
  activation: string;
  outputActivation: string;
  cost: string;
  /** "network3": the book's initialisation (see LayerInit). */
  init: "network3";
  eta: number;
  lambda: number;
  batchSize: number;
  epochs: number;
  validation: boolean;
  /** Train on the book's expanded MNIST: each image and four copies shifted by one pixel. */
  expand: boolean;
  /**
   * network3.py's order (see TrainLayersOptions.shuffle): "never" on MNIST, whose order its
   * SGD keeps; "once" on the expanded data, which expand_mnist.py shuffled once.
   */
  shuffle: "never" | "once";
}

/** network3.py's first convolutional net: one conv-pool layer, FC 100 sigmoid, softmax 10. */
const CONV1: LayerPreset = {
  description:
    "the book's chapter 6 (network3.py): conv:20x5, maxpool:2, dense:100 sigmoid, softmax 10, log-likelihood, η = 0.1, 60 epochs (book: 98.78%)",
  layers: "conv:20x5,maxpool:2,dense:100,dense:10",
  activation: "sigmoid",
  outputActivation: "softmax",
  cost: "logLikelihood",
  init: "network3",
  eta: 0.1,
  lambda: 0,
  batchSize: 10,
  epochs: 60,
  validation: true,
  expand: false,
  shuffle: "never",
};

const TWO_CONV_POOLS = "conv:20x5,maxpool:2,conv:40x5,maxpool:2";

/**
 * network3.py's lmbda = 0.1 in our λ. network3 adds ½·lmbda·Σ‖w‖² / (n/m) to the mean cost
 * of a mini-batch (it divides by the number of mini-batches), so each step decays w by
 * η·lmbda·m/n; network2.py, `train` and `trainLayers` add ½(λ/n)Σ‖w‖² and decay by η·λ/n.
 * The same decay needs λ = lmbda·m: 0.1 × 10 (network3's mini-batch size) = 1.
 */
const NETWORK3_LAMBDA_0_1 = 0.1 * 10;

/** The book's convolutional networks (chapter 6); `backprop train --preset conv1`. */
export const LAYER_PRESETS: Record<string, LayerPreset> = {
  conv1: CONV1,
  conv2: {
    ...CONV1,
    description: "conv1 with a second conv-pool layer of 40 filters (book: 99.06%)",
    layers: `${TWO_CONV_POOLS},dense:100,dense:10`,
  },
  "conv2-relu": {
    ...CONV1,
    description:
      "conv2 with ReLU, η = 0.03, network3's λ = 0.1, which is λ = 1 here (book: 99.23%)",
    layers: `${TWO_CONV_POOLS},dense:100,dense:10`,
    activation: "relu",
    eta: 0.03,
    lambda: NETWORK3_LAMBDA_0_1,
  },
  "conv2-relu-expanded": {
    ...CONV1,
    description:
      "conv2-relu on the expanded training data, 250,000 images shifted by one pixel (book: 99.37%)",
    layers: `${TWO_CONV_POOLS},dense:100,dense:10`,
    activation: "relu",
    eta: 0.03,
    lambda: NETWORK3_LAMBDA_0_1,
    expand: true,
    shuffle: "once",
  },
  "conv2-dropout": {
    ...CONV1,
    description:
      "expanded data, two FC layers of 1000 ReLU with dropout 0.5 on their inputs and the softmax's, η = 0.03, no λ (as the book's run), 40 epochs (book: 99.60%)",
    layers: `${TWO_CONV_POOLS},dropout:0.5,dense:1000,dropout:0.5,dense:1000,dropout:0.5,dense:10`,
    activation: "relu",
    eta: 0.03,
    lambda: 0,
    epochs: 40,
    expand: true,
    shuffle: "once",
  },
};
