import type { Activation, Cost } from "@backprop/activations";
import { getActivation, getCost, UnknownNameError } from "@backprop/activations";
import { ModelFileError } from "./errors";
import {
  describe,
  expectArray,
  expectObject,
  expectSizes,
  expectString,
  parseJson,
  readMatrix,
  readVector,
} from "./model-validation";
import { Network } from "./network";

/**
 * Our model file, version 1: JSON with names (never functions) and every parameter.
 * Numbers are written by JSON.stringify, whose shortest round-trip form reads back to the
 * same float64 exactly. weights[l] is sizes[l+1] rows of sizes[l] numbers; biases[l] is a
 * flat list of sizes[l+1] numbers.
 */
export const MODEL_FORMAT = "backprop-network";
export const MODEL_VERSION = 1;

export interface ModelFile {
  format: typeof MODEL_FORMAT;
  version: number;
  sizes: number[];
  activations: string[];
  cost: string;
  /** "float64" (the default when absent) or "float32": the precision the model computes in. */
  dtype?: "float64" | "float32";
  weights: number[][][];
  biases: number[][];
  /** Anything JSON: training settings, seed, metrics, dates. */
  metadata?: Record<string, unknown>;
}

export interface LoadOptions {
  /** Activations the file may name that are not registered (a user's own); looked up first. */
  activations?: readonly Activation[];
  costs?: readonly Cost[];
}

export function toModelFile(network: Network, metadata?: Record<string, unknown>): ModelFile {
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    sizes: [...network.sizes],
    activations: network.activations.map((a) => a.name),
    cost: network.cost.name,
    dtype: network.dtype,
    weights: network.weights.map((w) => w.toArrays()),
    biases: network.biases.map((b) => Array.from(b.data)),
    ...(metadata ? { metadata } : {}),
  };
}

/** The model as JSON text, ready to write to a file. */
export function modelToJson(network: Network, metadata?: Record<string, unknown>): string {
  return JSON.stringify(toModelFile(network, metadata));
}

/** Resolves a stored name, turning an unknown one into a ModelFileError that says how to pass it in. */
function resolve<T>(lookup: () => T, path: string): T {
  try {
    return lookup();
  } catch (error) {
    if (error instanceof UnknownNameError) {
      const option = error.kind === "activation" ? "activations" : "costs";
      throw new ModelFileError(
        path,
        `${error.message} If the model was trained with a plugin, load it with { ${option}: [yourOwn] } or register it first.`,
        { cause: error }, // the UnknownNameError, for callers that give other advice (the CLI)
      );
    }
    throw error;
  }
}

/**
 * Reads a model file (JSON text or the parsed object), checking everything: format and
 * version, sizes, that every name resolves, every shape, that every number is finite.
 * Throws a ModelFileError naming the place and what was expected.
 */
export function loadModel(
  source: unknown,
  options: LoadOptions = {},
): { network: Network; metadata: Record<string, unknown> } {
  const file = expectObject(parseJson(source), "");
  if (file.format !== MODEL_FORMAT) {
    const hint =
      "sizes" in file && "cost" in file && !("format" in file)
        ? " It looks like network2.py's format: read it with fromNetwork2Json."
        : "";
    throw new ModelFileError(
      "format",
      `expected "${MODEL_FORMAT}", found ${describe(file.format)}.${hint}`,
    );
  }
  if (file.version !== MODEL_VERSION) {
    const newer = typeof file.version === "number" && file.version > MODEL_VERSION;
    throw new ModelFileError(
      "version",
      `this backprop reads version ${MODEL_VERSION}, found ${describe(file.version)}${newer ? "; it was written by a newer backprop, so upgrade @backprop/network" : ""}`,
    );
  }
  const sizes = expectSizes(file.sizes, "sizes");
  const layers = sizes.length - 1;
  const names = expectArray(file.activations, "activations", layers);
  const activations = names.map((name, l) =>
    resolve(
      () => getActivation(expectString(name, `activations[${l}]`), options.activations),
      `activations[${l}]`,
    ),
  );
  const cost = resolve(() => getCost(expectString(file.cost, "cost"), options.costs), "cost");
  const weights = expectArray(file.weights, "weights", layers);
  const biases = expectArray(file.biases, "biases", layers);
  const metadata = file.metadata === undefined ? {} : expectObject(file.metadata, "metadata");
  if (file.dtype !== undefined && file.dtype !== "float64" && file.dtype !== "float32") {
    throw new ModelFileError(
      "dtype",
      `expected "float64" or "float32", found ${describe(file.dtype)}`,
    );
  }
  const dtype = (file.dtype ?? "float64") as "float64" | "float32";
  const network = new Network({ sizes, activations, cost, dtype });
  for (let l = 0; l < layers; l++) {
    network.weights[l].copyFrom(readMatrix(weights[l], `weights[${l}]`, sizes[l + 1], sizes[l]));
    network.biases[l].copyFrom(readVector(biases[l], `biases[${l}]`, sizes[l + 1]));
  }
  return { network, metadata };
}
