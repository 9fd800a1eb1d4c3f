import type { Activation } from "@backprop/activations";
import { getActivation, getCost } from "@backprop/activations";
import { type DType, Rng } from "@backprop/linalg";
import { ModelFileError } from "./errors";
import type { LayerPlan, Previous } from "./layer-record-checks";
import { readLayerRecord } from "./layer-record-readers";
import { type LayerRecord, toLayerRecord } from "./layer-records";
import { LayerNetwork } from "./layers/layer-network";
import {
  LAYER_MODEL_VERSION,
  type LoadOptions,
  MODEL_FORMAT,
  MODEL_VERSION,
  modelFileObject,
} from "./model-file";
import { asModelFileError, resolveName } from "./model-schema";
import { array, childPath, describe, jsonObject, object, oneOf, optional, string } from "./schema";

/**
 * Our model file, version 2: a LayerNetwork as its list of layers (the book's chapter 6),
 * with names (never functions) and every parameter as a flat list in the layer's own
 * row-major layout. Numbers are written by JSON.stringify, whose shortest round-trip form
 * reads back to the same float64 exactly. Version 1 (model-file.ts) stays the seed's
 * sizes-list Network; each loader refuses the other's version and names the right one.
 */
export interface LayerModelFile {
  /** Always MODEL_FORMAT, "backprop-network". */
  format: typeof MODEL_FORMAT;
  /** LAYER_MODEL_VERSION (2) when written. */
  version: number;
  /** The cost's name, resolved on load (registry or `costs`). */
  cost: string;
  /** The parameters' element type; "float64" when absent. float32 values are stored exactly. */
  dtype?: DType;
  /** The layers, input side first; each one's input shape is the previous one's output shape. */
  layers: LayerRecord[];
  /** Anything JSON: training settings, seed, metrics, dates. */
  metadata?: Record<string, unknown>;
}

/** What loadLayerModel takes beyond loadModel's options. */
export interface LayerLoadOptions extends LoadOptions {
  /** Draws the dropout layers' training masks if the model is trained further; default new Rng(0). */
  rng?: Rng;
  /** Threads for the layers' matrix products (see conv2d's `threads`); default 1. */
  threads?: 1 | 2;
}

/**
 * The layer model file of `network` as an object, with optional metadata. Throws a
 * NetworkShapeError for a layer this package did not build (a user's own kind), since a
 * file could not say how to rebuild it.
 */
export function toLayerModelFile(
  network: LayerNetwork,
  metadata?: Record<string, unknown>,
): LayerModelFile {
  return {
    format: MODEL_FORMAT,
    version: LAYER_MODEL_VERSION,
    cost: network.cost.name,
    dtype: network.dtype,
    layers: network.layers.map(toLayerRecord),
    ...(metadata ? { metadata } : {}),
  };
}

/** The layer model as JSON text, ready to write to a file. */
export function layerModelToJson(
  network: LayerNetwork,
  metadata?: Record<string, unknown>,
): string {
  return JSON.stringify(toLayerModelFile(network, metadata));
}

/** The file without its layers' contents; each layer is checked against the one below. */
const headerSchema = object({
  cost: string({ maxLength: 200 }),
  dtype: optional(oneOf(["float64", "float32"])),
  layers: array((v) => v, { minLength: 1, maxLength: 10_000 }),
  metadata: optional(jsonObject()),
});

/**
 * Reads a layer model file (JSON text or the parsed object), checking all of it before it
 * builds anything: format and version, every layer's kind (looked up as an own property)
 * and options, that each layer's input shape is the output shape of the layer below
 * (computed by the layers' own geometry, which allocates nothing), that each layer holds
 * exactly the weights and biases its shape needs, all finite, and then that every
 * activation and the cost resolve (`options.activations` and `options.costs` first, the
 * registries second). Throws a ModelFileError naming the place, the layer and the shape it
 * needs, e.g. "model file, at layers[0].weights: conv2d with 20 filters of 1×5×5 needs 500
 * weights, found 499". A version-1 file is refused with advice to use loadModel.
 */
export function loadLayerModel(
  source: unknown,
  options: LayerLoadOptions = {},
): {
  /** The network the file describes, every parameter exactly as stored. */
  network: LayerNetwork;
  /** The file's metadata, or {} when it has none. */
  metadata: Record<string, unknown>;
} {
  const file = modelFileObject(source);
  if (file.version !== LAYER_MODEL_VERSION) {
    const v1 = file.version === MODEL_VERSION;
    const newer = typeof file.version === "number" && file.version > LAYER_MODEL_VERSION;
    throw new ModelFileError(
      "version",
      v1
        ? `found ${MODEL_VERSION}, the seed's sizes-list Network: read it with loadModel; loadLayerModel reads version ${LAYER_MODEL_VERSION}, a list of layers`
        : `this backprop reads layer models of version ${LAYER_MODEL_VERSION}, found ${describe(file.version)}${newer ? "; it was written by a newer backprop, so upgrade @backprop/network" : ""}`,
    );
  }
  return asModelFileError(() => {
    const header = headerSchema(file, "");
    // Shapes and parameter counts first, all of them, then names, then the layers.
    const plans: LayerPlan[] = [];
    let previous: Previous | null = null;
    header.layers.forEach((record, l) => {
      const path = childPath("layers", l);
      const plan = readLayerRecord(record, path, previous);
      plans.push(plan);
      previous = { shape: plan.outputShape, where: `${path} (${plan.kind})` };
    });
    const activations: (Activation | undefined)[] = plans.map(({ activation: a }) =>
      a ? resolveName(() => getActivation(a.name, options.activations), a.path) : undefined,
    );
    const cost = resolveName(() => getCost(header.cost, options.costs), "cost");
    const context = {
      init: new Rng(0),
      masks: options.rng ?? new Rng(0),
      dtype: header.dtype ?? "float64",
      threads: options.threads ?? 1,
    };
    const layers = plans.map((plan, l) => plan.build(activations[l], context));
    return { network: new LayerNetwork({ layers, cost }), metadata: header.metadata ?? {} };
  });
}
