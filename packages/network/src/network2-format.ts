import { crossEntropy, quadratic, sigmoid } from "@backprop/activations";
import { ModelFileError } from "./errors";
import {
  asModelFileError,
  flattenRows,
  matrixSchema,
  parseJson,
  sizesSchema,
} from "./model-schema";
import { Network } from "./network";
import { anyObject, array, describe, object, ownEntry } from "./schema";

/**
 * Interop with the book's network2.py, whose `save` writes
 * {"sizes": [...], "weights": [w.tolist()...], "biases": [b.tolist()...], "cost": "CrossEntropyCost"}
 * with biases as column vectors ([[b₀], [b₁], …]) and sigmoid in every layer.
 */
const COSTS = { QuadraticCost: quadratic, CrossEntropyCost: crossEntropy } as const;

/**
 * `network` as network2.py's JSON (sizes, weights, biases, cost name), for the book's
 * `network2.load`. Throws a ModelFileError unless every layer is sigmoid and the cost is
 * quadratic or cross-entropy: the only networks network2.py can hold.
 */
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

const network2Schema = object({
  sizes: sizesSchema,
  weights: array((v) => v),
  biases: array((v) => v),
});

/** Reads network2.py's `save` output, checked whole (shapes against sizes) before anything is built. */
export function fromNetwork2Json(source: unknown): Network {
  return asModelFileError(() => {
    const file = anyObject(parseJson(source), "");
    const costName = file.cost;
    const cost = typeof costName === "string" ? ownEntry(COSTS, costName) : undefined;
    if (cost === undefined) {
      throw new ModelFileError(
        "cost",
        `expected "QuadraticCost" or "CrossEntropyCost" (network2.py's cost classes), found ${describe(costName)}`,
      );
    }
    const { sizes, weights, biases } = network2Schema(file, "");
    const layers = sizes.length - 1;
    const w = array((v) => v, { length: layers })(weights, "weights").map((m, l) =>
      matrixSchema(sizes[l + 1], sizes[l])(m, `weights[${l}]`),
    );
    const b = array((v) => v, { length: layers })(biases, "biases").map((m, l) =>
      matrixSchema(sizes[l + 1], 1)(m, `biases[${l}]`),
    );
    const network = new Network({ sizes, cost });
    for (let l = 0; l < layers; l++) {
      flattenRows(w[l], network.weights[l]);
      flattenRows(b[l], network.biases[l]);
    }
    return network;
  });
}
