import {
  convGeometry,
  flatten,
  LAYER_MODEL_VERSION,
  maxPool,
  type Padding,
  type Shape3,
} from "@backprop/network";
import { readJsonText } from "./io/read-file";

/**
 * The parts of a model file that need no activation or cost to read, for `inspect` when a
 * name is unknown without its plugin. Only used after the full load failed on a name, which
 * it checks after every shape and count: the file is then known to be well formed, so this
 * reads it leniently.
 */
export type ModelOutline = SizesOutline | LayersOutline;

/** A version-1 file: the seed's sizes-list Network. */
export interface SizesOutline {
  /** Version 1. */
  kind: "network";
  /** Layer sizes, input first. */
  sizes: number[];
  /** Activation names, one per layer after the input. */
  activations: string[];
  /** The cost's name. */
  cost: string;
  /** The file's metadata, or {}. */
  metadata: Record<string, unknown>;
}

/** A version-2 file: a LayerNetwork's list of layers. */
export interface LayersOutline {
  /** Version 2. */
  kind: "layers";
  /** Each layer's kind, shapes, activation name and parameter count, input side first. */
  layers: LayerOutline[];
  /** The cost's name. */
  cost: string;
  /** The file's metadata, or {}. */
  metadata: Record<string, unknown>;
}

/** One layer of a version-2 file, as written (names not resolved). */
export interface LayerOutline {
  /** "conv2d", "maxPool", "avgPool", "flatten", "dropout" or "dense". */
  kind: string;
  /** One input sample. */
  inputShape: Shape3;
  /** One output sample, from the layer's own geometry. */
  outputShape: Shape3;
  /** The activation's name (conv2d and dense). */
  activation?: string;
  /** Weights plus biases stored. */
  parameters: number;
}

/** The outline of a model file this CLI writes (either version), or null for anything else. */
export function readModelOutline(path: string): ModelOutline | null {
  try {
    const file = JSON.parse(readJsonText(path, "the model file"));
    const metadata = typeof file?.metadata === "object" && file.metadata ? file.metadata : {};
    const cost = String(file?.cost ?? "?");
    if (file?.version === LAYER_MODEL_VERSION) {
      if (!Array.isArray(file.layers) || file.layers.length === 0) return null;
      return { kind: "layers", layers: outlineLayers(file.layers), cost, metadata };
    }
    const sizes = file?.sizes;
    if (!Array.isArray(sizes) || !sizes.every((n) => Number.isInteger(n) && n > 0)) return null;
    return {
      kind: "network",
      sizes,
      activations: Array.isArray(file.activations) ? file.activations.map(String) : [],
      cost,
      metadata,
    };
  } catch {
    return null;
  }
}

/** Each record's shapes: its inputShape (dense: inputs × 1 × 1) and the factories' geometry. */
function outlineLayers(records: Record<string, unknown>[]): LayerOutline[] {
  return records.map((r) => {
    const kind = String(r.kind);
    const flat = (n: unknown): Shape3 => ({ channels: Number(n), height: 1, width: 1 });
    const inputShape = kind === "dense" ? flat(r.inputs) : (r.inputShape as Shape3);
    const count = (v: unknown) => (Array.isArray(v) ? v.length : 0);
    return {
      kind,
      inputShape,
      outputShape: outputShapeOf(kind, r, inputShape),
      ...(typeof r.activation === "string" ? { activation: r.activation } : {}),
      parameters: count(r.weights) + count(r.biases),
    };
  });
}

function outputShapeOf(kind: string, r: Record<string, unknown>, input: Shape3): Shape3 {
  const n = (v: unknown) => Number(v);
  switch (kind) {
    case "conv2d":
      return convGeometry(input, n(r.filters), n(r.kernelSize), n(r.stride), r.padding as Padding)
        .output;
    case "maxPool":
    case "avgPool": // the same geometry; a factory allocates nothing before its first forward
      return maxPool({ inputShape: input, size: n(r.size), stride: n(r.stride) }).outputShape;
    case "flatten":
      return flatten({ inputShape: input }).outputShape;
    case "dense":
      return { channels: n(r.outputs), height: 1, width: 1 };
    default:
      return input; // dropout
  }
}
