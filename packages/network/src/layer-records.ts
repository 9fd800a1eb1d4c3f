import { plainNumbers } from "@backprop/linalg";
import { NetworkShapeError } from "./errors";
import type { Padding } from "./layers/conv-geometry";
import type { Conv2dLayer } from "./layers/conv2d";
import type { DropoutLayer, DropoutMode } from "./layers/dropout";
import { type ActivatedLayer, isActivatedLayer, type Layer, type Shape3 } from "./layers/layer";
import type { PoolLayer } from "./layers/pool-geometry";

/**
 * The entries of a layer model file's `layers` list, one per layer, and how each built-in
 * layer is written as one (layer-model-file.ts writes the file; layer-record-readers.ts
 * checks and builds them). Parameters are flat lists in the layer's own row-major layout
 * (exactly `parameters[0].data` and `parameters[1].data`), so nothing is transposed.
 */

/** A `conv2d` layer: F filters of C × k × k weights, and F biases. */
export interface Conv2dRecord {
  /** "conv2d". */
  kind: "conv2d";
  /** One input sample, channels × height × width (C × H × W). */
  inputShape: Shape3;
  /** F: output feature maps. */
  filters: number;
  /** k: each kernel is k × k per input channel. */
  kernelSize: number;
  /** Step between kernel positions. */
  stride: number;
  /** "valid", "same" or p zeros on each side, as the layer was built with. */
  padding: Padding;
  /** σ's name, resolved on load (registry or `activations`). */
  activation: string;
  /** F·C·k·k numbers: F rows of C·k·k, column c·k·k + ky·k + kx (PyTorch's OIHW flattened). */
  weights: number[];
  /** F numbers, one per filter. */
  biases: number[];
}

/** A `maxPool` or `avgPool` layer (no parameters). */
export interface PoolRecord {
  /** "maxPool" or "avgPool". */
  kind: "maxPool" | "avgPool";
  /** One input sample, channels × height × width. */
  inputShape: Shape3;
  /** Each window is size × size. */
  size: number;
  /** Step between windows. */
  stride: number;
}

/** A `flatten` layer: C × H × W feature maps to C·H·W neurons (no parameters). */
export interface FlattenRecord {
  /** "flatten". */
  kind: "flatten";
  /** One input sample, channels × height × width. */
  inputShape: Shape3;
}

/** A `dropout` layer (no parameters; its masks are drawn by the rng given on load). */
export interface DropoutRecord {
  /** "dropout". */
  kind: "dropout";
  /** One input sample (the output has the same shape). */
  inputShape: Shape3;
  /** p, the probability that a unit is dropped in training, 0 ≤ p < 1. */
  rate: number;
  /** How kept units are scaled (see DropoutMode). */
  mode: DropoutMode;
}

/** A `dense` layer a = σ(w·x + b). */
export interface DenseRecord {
  /** "dense". */
  kind: "dense";
  /** Neurons of the layer below (the input is inputs × 1 × 1). */
  inputs: number;
  /** Neurons of this layer. */
  outputs: number;
  /** σ's name, resolved on load (registry or `activations`). */
  activation: string;
  /** outputs·inputs numbers: row j (neuron j's weights) is entries j·inputs … j·inputs + inputs − 1. */
  weights: number[];
  /** outputs numbers. */
  biases: number[];
}

/** One entry of a layer model file's `layers`, told apart by `kind`. */
export type LayerRecord = Conv2dRecord | PoolRecord | FlattenRecord | DropoutRecord | DenseRecord;

/**
 * The record of `layer` (the l-th of its network). Only layers built by this package's
 * factories can be written: a user's own layer kind throws a NetworkShapeError.
 */
export function toLayerRecord(layer: Layer, l: number): LayerRecord {
  const { kind, inputShape } = layer;
  const shape = { ...inputShape };
  const cannot = (): never => {
    throw new NetworkShapeError(
      `layer ${l} (${JSON.stringify(kind).slice(0, 60)}) cannot be written to a model file: model files hold the layers this package builds (dense, conv2d, maxPool, avgPool, flatten, dropout), not a user's own layer`,
    );
  };
  const parameters = (): [number[], number[]] => {
    if (!isActivatedLayer(layer) || layer.parameters.length !== 2) return cannot();
    return [plainNumbers(layer.parameters[0].data), plainNumbers(layer.parameters[1].data)];
  };
  switch (kind) {
    case "conv2d": {
      const { geometry, padding } = layer as Partial<Conv2dLayer>;
      if (!geometry || padding === undefined) return cannot();
      const [weights, biases] = parameters();
      const activation = (layer as Conv2dLayer).activation.name;
      const { kernelSize, stride, output } = geometry;
      const filters = output.channels;
      const common = { inputShape: shape, filters, kernelSize, stride, padding, activation };
      return { kind, ...common, weights, biases };
    }
    case "maxPool":
    case "avgPool": {
      const { geometry } = layer as Partial<PoolLayer>;
      if (!geometry) return cannot();
      return { kind, inputShape: shape, size: geometry.size, stride: geometry.stride };
    }
    case "flatten":
      return { kind, inputShape: shape };
    case "dropout": {
      const { rate, mode } = layer as Partial<DropoutLayer>;
      if (rate === undefined || mode === undefined) return cannot();
      return { kind, inputShape: shape, rate, mode };
    }
    case "dense": {
      const [weights, biases] = parameters();
      const { outputShape } = layer;
      const activation = (layer as ActivatedLayer).activation.name;
      return {
        kind,
        inputs: inputShape.channels,
        outputs: outputShape.channels,
        activation,
        weights,
        biases,
      };
    }
    default:
      return cannot();
  }
}
