import type { Activation, Cost } from "@backprop/activations";
import { getActivation, getCost } from "@backprop/activations";
import { plainNumbers } from "@backprop/linalg";
import { ModelFileError } from "./errors";
import {
  asModelFileError,
  flattenRows,
  matrixSchema,
  parseJson,
  resolveName as resolve,
  sizesSchema,
  vectorSchema,
} from "./model-schema";
import { Network } from "./network";
import { anyObject, array, describe, jsonObject, object, oneOf, optional, string } from "./schema";

/**
 * Our model file, version 1: JSON with names (never functions) and every parameter.
 * Numbers are written by JSON.stringify, whose shortest round-trip form reads back to the
 * same float64 exactly. weights[l] is sizes[l+1] rows of sizes[l] numbers; biases[l] is a
 * flat list of sizes[l+1] numbers.
 */
export const MODEL_FORMAT = "backprop-network";
/** The model file version this package writes and reads; loadModel refuses any other. */
export const MODEL_VERSION = 1;
/**
 * The version of layer model files (a LayerNetwork's list of layers, layer-model-file.ts):
 * loadModel refuses them with advice to use loadLayerModel.
 */
export const LAYER_MODEL_VERSION = 2;

/** A model file as parsed JSON: what toModelFile returns and loadModel reads. */
export interface ModelFile {
  /** Always MODEL_FORMAT, "backprop-network": tells our files from network2.py's. */
  format: typeof MODEL_FORMAT;
  /** MODEL_VERSION when written. */
  version: number;
  /** Neurons per layer, input first, as the Network's sizes. */
  sizes: number[];
  /** One activation name per layer after the input, resolved on load (registry or `activations`). */
  activations: string[];
  /** The cost's name, resolved on load (registry or `costs`). */
  cost: string;
  /** "float64" (the default when absent) or "float32": the precision the model computes in. */
  dtype?: "float64" | "float32";
  /** weights[l]: sizes[l+1] rows of sizes[l] numbers (wˡ⁺¹, row j = neuron j's weights). */
  weights: number[][][];
  /** biases[l]: sizes[l+1] numbers (bˡ⁺¹), flat. */
  biases: number[][];
  /** Anything JSON: training settings, seed, metrics, dates. */
  metadata?: Record<string, unknown>;
}

/** What loadModel resolves names with beyond the registries (a plugin's own parts). */
export interface LoadOptions {
  /** Activations the file may name that are not registered (a user's own); looked up first. */
  activations?: readonly Activation[];
  /** Costs the file may name that are not registered (a user's own); looked up first. */
  costs?: readonly Cost[];
}

/** The model file of `network` as an object (names, not functions), with optional metadata. */
export function toModelFile(network: Network, metadata?: Record<string, unknown>): ModelFile {
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    sizes: [...network.sizes],
    activations: network.activations.map((a) => a.name),
    cost: network.cost.name,
    dtype: network.dtype,
    weights: network.weights.map((w) => w.toArrays()),
    biases: network.biases.map((b) => plainNumbers(b.data)),
    ...(metadata ? { metadata } : {}),
  };
}

/** The model as JSON text, ready to write to a file. */
export function modelToJson(network: Network, metadata?: Record<string, unknown>): string {
  return JSON.stringify(toModelFile(network, metadata));
}

/** The file without its parameters; those are checked against `sizes` once it is known. */
const headerSchema = object({
  sizes: sizesSchema,
  activations: array(string({ maxLength: 200 })),
  cost: string({ maxLength: 200 }),
  dtype: optional(oneOf(["float64", "float32"])),
  weights: array((v) => v),
  biases: array((v) => v),
  metadata: optional(jsonObject()),
});

/**
 * Reads a model file (JSON text or the parsed object), checking everything before it
 * builds anything: format and version, sizes, every shape against the sizes, that every
 * number is finite, that every name resolves. Throws a ModelFileError naming the place in
 * the file, what was expected and what was found. Nothing is allocated from a size the
 * file declares until the file has been seen to hold that many numbers. A version-2 file
 * (a LayerNetwork's layers, written by layerModelToJson) is refused with a ModelFileError
 * at `version` that says to read it with loadLayerModel.
 */
export function loadModel(
  source: unknown,
  options: LoadOptions = {},
): {
  /** The network the file describes, every weight exactly as stored. */
  network: Network;
  /** The file's metadata, or {} when it has none. */
  metadata: Record<string, unknown>;
} {
  const file = modelFileObject(source);
  if (file.version === LAYER_MODEL_VERSION) {
    throw new ModelFileError(
      "version",
      `found ${LAYER_MODEL_VERSION}, a layer model (a LayerNetwork's list of layers): read it with loadLayerModel; loadModel reads version ${MODEL_VERSION}, the seed's sizes-list Network`,
    );
  }
  if (file.version !== MODEL_VERSION) {
    const newer = typeof file.version === "number" && file.version > LAYER_MODEL_VERSION;
    throw new ModelFileError(
      "version",
      `this backprop reads version ${MODEL_VERSION}, found ${describe(file.version)}${newer ? "; it was written by a newer backprop, so upgrade @backprop/network" : ""}`,
    );
  }
  const { network, metadata } = asModelFileError(() => {
    const header = headerSchema(file, "");
    const { sizes } = header;
    const layers = sizes.length - 1;
    // Shapes first, all of them, then names: an error names the first wrong place.
    const weights = array((v) => v, { length: layers })(header.weights, "weights").map((w, l) =>
      matrixSchema(sizes[l + 1], sizes[l])(w, `weights[${l}]`),
    );
    const biases = array((v) => v, { length: layers })(header.biases, "biases").map((b, l) =>
      vectorSchema(sizes[l + 1])(b, `biases[${l}]`),
    );
    array(string(), { length: layers })(header.activations, "activations");
    const activations = header.activations.map((name, l) =>
      resolve(() => getActivation(name, options.activations), `activations[${l}]`),
    );
    const cost = resolve(() => getCost(header.cost, options.costs), "cost");
    const network = new Network({ sizes, activations, cost, dtype: header.dtype ?? "float64" });
    for (let l = 0; l < layers; l++) {
      flattenRows(weights[l], network.weights[l]);
      network.biases[l].data.set(biases[l]);
    }
    return { network, metadata: header.metadata ?? {} };
  });
  return { network, metadata };
}

/**
 * JSON text or a parsed value, checked to be one of our model files (any version): an
 * object whose format is MODEL_FORMAT. The version is the caller's to check.
 */
export function modelFileObject(source: unknown): Record<string, unknown> {
  const file = asModelFileError(() => anyObject(parseJson(source), ""));
  if (file.format !== MODEL_FORMAT) {
    const hint =
      Object.hasOwn(file, "sizes") && Object.hasOwn(file, "cost") && !Object.hasOwn(file, "format")
        ? " It looks like network2.py's format: read it with fromNetwork2Json."
        : "";
    throw new ModelFileError(
      "format",
      `expected "${MODEL_FORMAT}", found ${describe(file.format)}.${hint}`,
    );
  }
  return file;
}
