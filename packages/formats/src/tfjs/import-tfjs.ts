import type { DType, Rng } from "@backprop/linalg";
import { type LayerNetwork, type Network, NetworkShapeError } from "@backprop/network";
import { buildNetwork } from "../model/build-network";
import { TfjsFormatError } from "./errors";
import { readLayer } from "./import-layers";
import type { TfjsState } from "./layer-context";
import { readWeights } from "./read-weights";
import type { TfjsLayerJson } from "./tfjs-types";

/** What {@link importTfjs} takes beyond model.json and the weights. */
export interface TfjsImportOptions {
  /** The class to build; default what our export stored, else Network when every layer is dense. */
  as?: "Network" | "LayerNetwork";
  /** The cost to train with; default what our export stored, else logLikelihood after softmax, else quadratic. */
  cost?: string;
  /** The element type to build; default what our export stored, else "float32" (TensorFlow.js's). */
  dtype?: DType;
  /** Draws dropout masks if the network is trained further; default new Rng(0). */
  rng?: Rng;
}

/** What {@link importTfjs} gives. */
export interface TfjsImport {
  /** The model; its parameters are the float32 values of the weights file. */
  network: Network | LayerNetwork;
  /** The metadata our export stored, else model.json's userDefinedMetadata, else {}. */
  metadata: Record<string, unknown>;
}

/**
 * Reads a TensorFlow.js layers model: model.json (its parsed object or its text) and the
 * bytes of its weight files, concatenated in the manifest's order. The model must be a
 * Sequential one of the layers import-layers.ts lists, channels-last. Everything is checked
 * before anything is built: the weights' total size against the bytes first, each weight's
 * shape against its layer. Throws a TfjsFormatError naming the layer or the manifest entry.
 */
export function importTfjs(
  modelJson: unknown,
  weightData: ArrayBuffer | Uint8Array,
  options: TfjsImportOptions = {},
): TfjsImport {
  let json = modelJson;
  if (typeof json === "string") {
    try {
      json = JSON.parse(json);
    } catch (error) {
      throw new TfjsFormatError(
        "",
        `model.json is not JSON (${(error as Error).message.slice(0, 100)})`,
      );
    }
  }
  if (!json || typeof json !== "object")
    throw new TfjsFormatError("", "expected model.json's object");
  const { modelTopology, weightsManifest, userDefinedMetadata } = json as Record<string, unknown>;
  const layers = sequentialLayers(modelTopology);
  const weights = readWeights(weightsManifest, weightData);

  const { shape, rank } = inputShape(layers[0]);
  const state: TfjsState = {
    shape,
    rank,
    layers: [],
    order: null,
    permuted: false,
    pad: null,
    weights,
  };
  for (const layer of layers) {
    try {
      readLayer(layer, state);
    } catch (error) {
      if (!(error instanceof NetworkShapeError)) throw error;
      const name = JSON.stringify((layer.config as { name?: unknown })?.name ?? "");
      throw new TfjsFormatError(`layer ${name} (${layer.class_name})`, error.message, {
        cause: error,
      });
    }
  }
  if (state.layers.length === 0) throw new TfjsFormatError("modelTopology", "has no layer");

  const user =
    userDefinedMetadata && typeof userDefinedMetadata === "object"
      ? (userDefinedMetadata as Record<string, unknown>)
      : {};
  const ours = (user.backprop ?? {}) as {
    model?: unknown;
    cost?: unknown;
    dtype?: unknown;
    metadata?: unknown;
  };
  const stored = ours.model === "Network" || ours.model === "LayerNetwork" ? ours.model : null;
  const dtype = options.dtype ?? (ours.dtype === "float64" ? "float64" : "float32");
  const network = buildNetwork(
    {
      model: stored,
      dtype,
      cost: typeof ours.cost === "string" ? ours.cost : null,
      layers: state.layers,
    },
    { as: options.as, cost: options.cost, rng: options.rng },
    (message, cause) => new TfjsFormatError("", message, { cause }),
  );
  const metadata =
    ours.metadata && typeof ours.metadata === "object"
      ? (ours.metadata as Record<string, unknown>)
      : user;
  return { network, metadata };
}

/** The layers of a Sequential model's topology (TensorFlow.js's or a converted Keras one). */
function sequentialLayers(topology: unknown): TfjsLayerJson[] {
  const where = "modelTopology";
  const t = topology as { model_config?: unknown; class_name?: unknown; config?: unknown } | null;
  const model = (t?.model_config ?? t) as { class_name?: unknown; config?: unknown } | null;
  if (!model || typeof model !== "object") throw new TfjsFormatError(where, "is missing");
  if (model.class_name !== "Sequential") {
    throw new TfjsFormatError(
      where,
      `is a ${JSON.stringify(model.class_name)} model; only Sequential models (a chain of layers) are read`,
    );
  }
  const config = model.config as { layers?: unknown } | unknown[];
  const layers = Array.isArray(config) ? config : (config as { layers?: unknown })?.layers; // old Keras: a bare list
  if (!Array.isArray(layers) || layers.length === 0 || layers.length > 10_000) {
    throw new TfjsFormatError(where, "has no list of layers");
  }
  layers.forEach((layer, i) => {
    const l = layer as Partial<TfjsLayerJson>;
    if (!l || typeof l.class_name !== "string" || !l.config || typeof l.config !== "object") {
      throw new TfjsFormatError(
        `${where}.config.layers[${i}]`,
        "is not a layer ({ class_name, config })",
      );
    }
  });
  return layers as TfjsLayerJson[];
}

/** The first layer's batch_input_shape: [null, features] or [null, H, W, C]. */
function inputShape(first: TfjsLayerJson): Pick<TfjsState, "shape" | "rank"> {
  const config = first.config as {
    batch_input_shape?: unknown;
    batchInputShape?: unknown;
    name?: unknown;
  };
  const shape = config.batch_input_shape ?? config.batchInputShape;
  const dims = Array.isArray(shape) ? shape.slice(1) : [];
  const ok =
    (dims.length === 1 || dims.length === 3) &&
    dims.every((d) => Number.isSafeInteger(d) && d >= 1);
  const size = dims.reduce((n: number, d: number) => n * d, 1);
  if (!ok || size > 2 ** 31 - 1) {
    throw new TfjsFormatError(
      `layer ${JSON.stringify(config.name ?? "")} (${first.class_name})`,
      `has batch_input_shape ${JSON.stringify(shape)}; expected [null, features] or [null, height, width, channels] with fixed sizes (at most 2³¹ − 1 numbers)`,
    );
  }
  if (dims.length === 1) return { shape: { channels: dims[0], height: 1, width: 1 }, rank: 2 };
  return { shape: { channels: dims[2], height: dims[0], width: dims[1] }, rank: 4 };
}
