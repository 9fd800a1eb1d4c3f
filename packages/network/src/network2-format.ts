import { crossEntropy, quadratic, sigmoid } from "@backprop/activations";
import { ModelFileError } from "./errors";
import {
  describe,
  expectArray,
  expectObject,
  expectSizes,
  parseJson,
  readMatrix,
} from "./model-validation";
import { Network } from "./network";

/**
 * Interop with the book's network2.py, whose `save` writes
 * {"sizes": [...], "weights": [w.tolist()...], "biases": [b.tolist()...], "cost": "CrossEntropyCost"}
 * with biases as column vectors ([[b₀], [b₁], …]) and sigmoid in every layer.
 */
const COSTS = { QuadraticCost: quadratic, CrossEntropyCost: crossEntropy } as const;

export function toNetwork2Json(network: Network): string {
  const notSigmoid = network.activations.findIndex((a) => a !== sigmoid);
  if (notSigmoid >= 0) {
    throw new ModelFileError(
      `activations[${notSigmoid}]`,
      `network2.py supports only sigmoid layers, this layer uses "${network.activations[notSigmoid].name}"`,
    );
  }
  const cost = Object.entries(COSTS).find(([, c]) => c === network.cost)?.[0];
  if (!cost) {
    throw new ModelFileError(
      "cost",
      `network2.py knows QuadraticCost and CrossEntropyCost, this network uses "${network.cost.name}"`,
    );
  }
  return JSON.stringify({
    sizes: network.sizes,
    weights: network.weights.map((w) => w.toArrays()),
    biases: network.biases.map((b) => b.toArrays()),
    cost,
  });
}

export function fromNetwork2Json(source: unknown): Network {
  const file = expectObject(parseJson(source), "");
  const sizes = expectSizes(file.sizes, "sizes");
  const costName = file.cost;
  if (typeof costName !== "string" || !(costName in COSTS)) {
    throw new ModelFileError(
      "cost",
      `expected "QuadraticCost" or "CrossEntropyCost" (network2.py's cost classes), found ${describe(costName)}`,
    );
  }
  const layers = sizes.length - 1;
  const weights = expectArray(file.weights, "weights", layers);
  const biases = expectArray(file.biases, "biases", layers);
  const network = new Network({ sizes, cost: COSTS[costName as keyof typeof COSTS] });
  for (let l = 0; l < layers; l++) {
    network.weights[l].copyFrom(readMatrix(weights[l], `weights[${l}]`, sizes[l + 1], sizes[l]));
    network.biases[l].copyFrom(readMatrix(biases[l], `biases[${l}]`, sizes[l + 1], 1));
  }
  return network;
}
