import type { DType, Rng } from "@backprop/linalg";
import {
  avgPool,
  conv2d,
  dense,
  dropout,
  flatten,
  type Initializer,
  type Layer,
  LayerNetwork,
  maxPool,
  type Shape3,
} from "@backprop/network";
import { badValue, UsageError } from "./errors";
import { layerSizes } from "./options";

/**
 * `--layers` as a list of layers (the book's chapter 6) rather than sizes:
 *   conv:FILTERSxKERNEL[/STRIDE][:same]   a convolution, e.g. conv:20x5 (20 filters 5×5)
 *   maxpool:SIZE | avgpool:SIZE            pooling windows SIZE×SIZE, stride SIZE
 *   dense:N                                a fully connected layer of N neurons
 *   dropout:RATE                           drops each input of the next layer with probability RATE
 * The input's shape comes from the data (MNIST: 1×28×28); a flatten goes in before the
 * first dense layer after feature maps; the last entry must be dense:CLASSES.
 */
export type LayerSpecEntry =
  | { kind: "conv"; filters: number; kernelSize: number; stride: number; same: boolean }
  | { kind: "maxpool" | "avgpool"; size: number }
  | { kind: "dense"; outputs: number }
  | { kind: "dropout"; rate: number };

export const LAYER_SPEC_HELP =
  "conv:FILTERSxKERNEL[/STRIDE][:same], maxpool:SIZE, avgpool:SIZE, dense:N, dropout:RATE, comma-separated, input side first, the last dense:CLASSES";

const ENTRY_SYNTAX = "conv:20x5, conv:20x5/2:same, maxpool:2, avgpool:2, dense:100 or dropout:0.5";

/** True when `value` names layers (has a letter) rather than listing sizes like 784,30,10. */
export function isLayerSpec(value: string): boolean {
  return /[a-z]/i.test(value);
}

/** A whole number ≥ 1 written as digits, or undefined. */
function whole(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) && n >= 1 ? n : undefined;
}

/** One entry, or a UsageError that quotes it and says what is allowed. */
function parseEntry(flag: string, entry: string, index: number): LayerSpecEntry {
  const fail = (why: string) =>
    new UsageError(
      `${flag}: layer ${index + 1}, ${JSON.stringify(entry)}: ${why} (layers are ${ENTRY_SYNTAX})`,
    );
  const [kind, ...rest] = entry.split(":");
  const arg = rest[0];
  switch (kind.toLowerCase()) {
    case "conv": {
      const m = /^(\d+)x(\d+)(?:\/(\d+))?$/i.exec(arg ?? "");
      const options = rest.slice(1);
      if (!m || options.length > 1 || (options.length === 1 && options[0] !== "same"))
        throw fail("expected conv:FILTERSxKERNEL[/STRIDE][:same], like conv:20x5");
      const [filters, kernelSize, stride] = [whole(m[1]), whole(m[2]), whole(m[3] ?? "1")];
      if (!filters || !kernelSize || !stride)
        throw fail("filters, kernel size and stride must be whole numbers ≥ 1");
      return { kind: "conv", filters, kernelSize, stride, same: options[0] === "same" };
    }
    case "maxpool":
    case "avgpool": {
      const size = whole(arg);
      if (!size || rest.length !== 1) throw fail(`expected ${kind}:SIZE, like ${kind}:2`);
      return { kind: kind.toLowerCase() as "maxpool" | "avgpool", size };
    }
    case "dense": {
      const outputs = whole(arg);
      if (!outputs || rest.length !== 1) throw fail("expected dense:N, like dense:100");
      return { kind: "dense", outputs };
    }
    case "dropout": {
      const rate = Number(arg);
      if (rest.length !== 1 || arg?.trim() === "" || !(rate >= 0 && rate < 1))
        throw fail("expected dropout:RATE with 0 ≤ RATE < 1, like dropout:0.5");
      return { kind: "dropout", rate };
    }
    default:
      throw fail(`unknown layer ${JSON.stringify(kind)}`);
  }
}

/** Parses a layer spec; throws a UsageError naming the bad entry. */
export function parseLayerSpec(value: string, flag = "--layers"): LayerSpecEntry[] {
  const entries = value
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) throw badValue(flag, value, LAYER_SPEC_HELP);
  const parsed = entries.map((e, i) => parseEntry(flag, e, i));
  const last = parsed[parsed.length - 1];
  if (last.kind !== "dense") {
    throw new UsageError(
      `${flag}: the last layer must be dense:CLASSES (the output layer, e.g. dense:10 for MNIST); got ${JSON.stringify(entries[entries.length - 1])}`,
    );
  }
  return parsed;
}

/** The spec written back in its canonical form, e.g. "conv:20x5,maxpool:2,dense:100,dense:10". */
export function formatLayerSpec(entries: readonly LayerSpecEntry[]): string {
  return entries.map(formatEntry).join(",");
}

function formatEntry(e: LayerSpecEntry): string {
  if (e.kind === "conv")
    return `conv:${e.filters}x${e.kernelSize}${e.stride !== 1 ? `/${e.stride}` : ""}${e.same ? ":same" : ""}`;
  if (e.kind === "dense") return `dense:${e.outputs}`;
  if (e.kind === "dropout") return `dropout:${e.rate}`;
  return `${e.kind}:${e.size}`;
}

/** `--layers`' parser: sizes (784,30,10) as before, or a layer spec (kept as its canonical text). */
export function layersOption(flag: string) {
  const sizes = layerSizes(flag);
  return (value: string): number[] | string =>
    isLayerSpec(value) ? formatLayerSpec(parseLayerSpec(value, flag)) : sizes(value);
}

/**
 * How the weights start: one of the library's initializers, or "network3", the book's
 * network3.py: a conv layer's weights N(0, 1/n_out) with n_out = F·k²/pool² (pool: the
 * window of the pooling right after it, else 1), a hidden dense layer's N(0, 1/N), their
 * biases N(0, 1), and the output (softmax) layer's weights and biases all 0.
 */
export type LayerInit = Initializer | "network3";

/** What {@link buildLayerNetwork} needs besides the spec. */
export interface LayerBuild {
  /** One sample's shape, from the data set. */
  input: Shape3;
  /** Hidden layers' σ. */
  activation: string;
  /** The output layer's σ. */
  outputActivation: string;
  cost: string;
  init: LayerInit;
  /** Draws the initial weights, then the dropout masks. */
  rng: Rng;
  /** The parameters' and batches' element type; default "float64". */
  dtype?: DType;
  /** Threads for the layers' matrix products; default 1. */
  threads?: 1 | 2;
}

/** The LayerNetwork of a spec, a flatten going in before each dense layer that follows feature maps. */
export function buildLayerNetwork(
  entries: readonly LayerSpecEntry[],
  build: LayerBuild,
): LayerNetwork {
  const { rng } = build;
  const layerInit: Initializer = build.init === "network3" ? "scaled" : build.init;
  const layers: Layer[] = [];
  let shape = build.input;
  const add = (layer: Layer) => {
    layers.push(layer);
    shape = layer.outputShape;
  };
  entries.forEach((e, i) => {
    const what = `--layers: layer ${i + 1} (${formatLayerSpec([e])})`;
    const output = i === entries.length - 1;
    switch (e.kind) {
      case "conv": {
        if (!e.same && (shape.height < e.kernelSize || shape.width < e.kernelSize)) {
          throw new UsageError(
            `${what} needs feature maps of at least ${e.kernelSize}×${e.kernelSize}, but its input is ${shape.channels}×${shape.height}×${shape.width}; use a smaller kernel, :same padding, or image data`,
          );
        }
        const conv = conv2d({
          inputShape: shape,
          filters: e.filters,
          kernelSize: e.kernelSize,
          stride: e.stride,
          padding: e.same ? "same" : "valid",
          activation: build.activation,
          init: layerInit,
          rng,
          dtype: build.dtype,
          threads: build.threads,
        });
        if (build.init === "network3") {
          const next = entries[i + 1];
          const pool = next?.kind === "maxpool" || next?.kind === "avgpool" ? next.size : 1;
          const nOut = (e.filters * e.kernelSize * e.kernelSize) / (pool * pool);
          const [w, b] = conv.parameters;
          rng.fillNormal(b.data);
          rng.fillNormal(w.data, 0, Math.sqrt(1 / nOut));
        }
        add(conv);
        break;
      }
      case "maxpool":
      case "avgpool": {
        if (shape.height < e.size || shape.width < e.size) {
          throw new UsageError(
            `${what} needs feature maps of at least ${e.size}×${e.size}, but its input is ${shape.channels}×${shape.height}×${shape.width}`,
          );
        }
        const make = e.kind === "maxpool" ? maxPool : avgPool;
        add(make({ inputShape: shape, size: e.size }));
        break;
      }
      case "dropout":
        // network3's convention: kept units unscaled in training, outputs × (1 − p) at test.
        add(dropout({ inputShape: shape, rate: e.rate, mode: "scale-at-test", rng }));
        break;
      case "dense": {
        if (shape.height * shape.width > 1) add(flatten({ inputShape: shape }));
        const layer = dense({
          inputs: shape.channels,
          outputs: e.outputs,
          activation: output ? build.outputActivation : build.activation,
          init: layerInit,
          rng,
          dtype: build.dtype,
          threads: build.threads,
        });
        if (build.init === "network3") {
          const [w, b] = layer.parameters;
          if (output) {
            w.data.fill(0);
            b.data.fill(0);
          } else {
            rng.fillNormal(b.data);
            rng.fillNormal(w.data, 0, Math.sqrt(1 / e.outputs));
          }
        }
        add(layer);
        break;
      }
    }
  });
  return new LayerNetwork({ layers, cost: build.cost });
}

/** One sample's shape from a data set's sampleShape: [H, W] images are 1×H×W; [C, H, W] as is; [n] is n×1×1. */
export function inputShapeOf(sampleShape: readonly number[], features: number): Shape3 {
  if (sampleShape.length === 2)
    return { channels: 1, height: sampleShape[0], width: sampleShape[1] };
  if (sampleShape.length === 3)
    return { channels: sampleShape[0], height: sampleShape[1], width: sampleShape[2] };
  return { channels: features, height: 1, width: 1 };
}
