import type { LayerRecord, Shape3 } from "@backprop/network";
import { attachToLayer } from "../model/attach-activation";
import { TfjsFormatError } from "./errors";
import type { TfjsWeight } from "./read-weights";
import type { TfjsLayerJson } from "./tfjs-types";

/**
 * What the layer readers (read-linear-layers.ts, read-other-layers.ts) share: the state of
 * the walk through the layers, and for each layer a context that reads its config with
 * checks whose errors name the layer (TfjsFormatError at `layer "dense_1" (Dense)`).
 */

/** What the readers share while they walk the layers. */
export interface TfjsState {
  /** One sample here (TensorFlow.js's H × W × C as our C × H × W). */
  shape: Shape3;
  /** 2 ([batch, features]) or 4 ([batch, H, W, C]). */
  rank: 2 | 4;
  /** Our layers so far. */
  readonly layers: LayerRecord[];
  /** After a Flatten of maps in H·W·C order: the next dense kernel's row order. */
  order: Int32Array | null;
  /** A Permute([3, 1, 2]) was just read: the next Flatten gives our C·H·W order. */
  permuted: boolean;
  /** A ZeroPadding2D's p, for the next Conv2D. */
  pad: number | null;
  /** The weights by name. */
  readonly weights: Map<string, TfjsWeight>;
}

/** Keras activation names and ours. */
export const ACTIVATIONS: Readonly<Record<string, string>> = {
  linear: "identity",
  sigmoid: "sigmoid",
  tanh: "tanh",
  relu: "relu",
  softplus: "softplus",
  softmax: "softmax",
};

/** One layer's config, with checked readers whose errors name the layer. */
export interface LayerContext {
  /** The layer's config. */
  config: Record<string, unknown>;
  /** Its name, as in the manifest's weight names. */
  name: string;
  /** The error to throw for this layer. */
  fail(message: string): TfjsFormatError;
  /** Throws fail(message) unless ok. */
  need(ok: boolean, message: string): void;
  /** A square pair such as kernel_size [k, k] (a bare number too), ≥ 1; `fallback` when absent. */
  pair(key: string, fallback?: number): number;
  /** Throws unless data_format is channels_last (or absent). */
  channelsLast(): void;
  /** The values of weight "<name>/<which>", checked to have `shape`. */
  weight(which: string, shape: number[]): Float32Array;
  /** Our name of the layer's `activation` ("linear" is identity). */
  activation(): string;
  /** Gives activation `ours` to the last dense or conv2d layer. */
  attach(ours: string): void;
}

/** The context of `layer` at this point of the walk. */
export function layerContext(layer: TfjsLayerJson, state: TfjsState): LayerContext {
  const config = (layer.config ?? {}) as Record<string, unknown>;
  const name = String(config.name ?? "");
  const where = `layer ${JSON.stringify(name)} (${layer.class_name})`;
  const fail = (message: string) => new TfjsFormatError(where, message);
  const need = (ok: boolean, message: string) => {
    if (!ok) throw fail(message);
  };
  const pair = (key: string, fallback?: number): number => {
    const v = config[key] ?? (fallback === undefined ? undefined : [fallback, fallback]);
    const [a, b] = Array.isArray(v) ? v : [v, v];
    need(
      Number.isInteger(a) && a === b && a >= 1,
      `${key} is ${JSON.stringify(v)}; ours are square: [n, n] with n ≥ 1`,
    );
    return a as number;
  };
  const channelsLast = () =>
    need(
      config.data_format === undefined || config.data_format === "channels_last",
      `data_format is ${JSON.stringify(config.data_format)}; only channels_last (TensorFlow.js's) is read`,
    );
  const weight = (which: string, shape: number[]): Float32Array => {
    const w = state.weights.get(`${name}/${which}`);
    need(w !== undefined, `its weight "${name}/${which}" is not in the weights manifest`);
    const found = (w as TfjsWeight).shape;
    need(
      JSON.stringify(found) === JSON.stringify(shape),
      `weight "${name}/${which}" has shape [${found}], expected [${shape}]`,
    );
    return (w as TfjsWeight).values;
  };
  const activation = (): string => {
    const a = config.activation ?? "linear";
    const ours = typeof a === "string" && Object.hasOwn(ACTIVATIONS, a) ? ACTIVATIONS[a] : null;
    need(
      ours !== null,
      `activation ${JSON.stringify(a)} is not one of ours; supported: ${Object.keys(ACTIVATIONS).join(", ")}`,
    );
    need(
      !(ours === "softmax" && state.rank === 4),
      "softmax on feature maps normalises each position's channels; ours a whole sample",
    );
    return ours as string;
  };
  const attach = (ours: string) => attachToLayer(state.layers, ours, "Dense or Conv2D", fail);
  return { config, name, fail, need, pair, channelsLast, weight, activation, attach };
}
