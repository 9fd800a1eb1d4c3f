import { type Activation, isBuiltInActivation } from "@backprop/activations";
import type { LayerNetwork, Network } from "@backprop/network";
import { ExportError } from "../errors";
import { leakySlope } from "../model/leaky-slope";
import { type LayerView, viewModel } from "../model/model-view";
import { VERSION } from "../version";
import { convKernelOut, denseKernelOut, hwcToChw } from "./layouts";
import type { TfjsLayerJson, TfjsModelJson, TfjsWeightSpec } from "./tfjs-types";

/** The weights file that model.json names (one shard). */
export const TFJS_WEIGHTS_FILE = "group1-shard1of1.bin";

/** What {@link exportTfjs} takes beyond the network. */
export interface TfjsExportOptions {
  /** The Keras model's name; default metadata.name, else "backprop". */
  name?: string;
  /** Training settings and the like, kept in model.json's userDefinedMetadata. */
  metadata?: Record<string, unknown>;
}

/** A TensorFlow.js layers model: model.json's object and the weights file's bytes. */
export interface TfjsModel {
  /** model.json (JSON.stringify it to write the file); its manifest names TFJS_WEIGHTS_FILE. */
  modelJson: TfjsModelJson;
  /** Every weight as float32, little-endian, in the manifest's order. */
  weightData: ArrayBuffer;
}

/**
 * A Network or LayerNetwork as a TensorFlow.js layers model (a Keras Sequential model) that
 * tf.loadLayersModel loads. TensorFlow.js computes in float32 and stores float32 weights:
 * a float64 model is written rounded to float32 (its dtype is kept in the metadata, so
 * importTfjs gives a float64 model back, with those rounded weights).
 *
 * TensorFlow.js is channels-last: a conv model takes [batch, H, W, C] (ours hold C·H·W per
 * sample, the same numbers for one channel), kernels are k × k × in × out, dense kernels
 * inputs × outputs, and a Flatten of feature maps reads H·W·C order, so the dense layer after
 * it gets its kernel rows permuted (layouts.ts). Layers: Dense, Conv2D (padding p: a
 * ZeroPadding2D before it), MaxPooling2D, AveragePooling2D, Flatten, Dropout (inverted), and
 * Rescaling(1 − rate) for "scale-at-test" dropout; leakyRelu is a LeakyReLU layer after a
 * linear one. Throws an ExportError for a user's own activation or layer, and for softmax on
 * feature maps (TensorFlow.js would normalise each position's channels, ours the whole sample).
 */
export function exportTfjs(
  network: Network | LayerNetwork,
  options: TfjsExportOptions = {},
): TfjsModel {
  const view = viewModel(network, "tfjs");
  const layers: TfjsLayerJson[] = [];
  const weights: { spec: TfjsWeightSpec; values: Float32Array }[] = [];
  const add = (className: string, name: string, config: Record<string, unknown>) => {
    const first = layers.length === 0;
    layers.push({
      class_name: className,
      config: {
        name,
        trainable: true,
        ...config,
        ...(first ? { batch_input_shape: inputShape, dtype: "float32" } : {}),
      },
    });
  };
  const weight = (layer: string, which: "kernel" | "bias", shape: number[], values: Float32Array) =>
    weights.push({ spec: { name: `${layer}/${which}`, shape, dtype: "float32" }, values });

  const { channels: C, height: H, width: W } = view.inputShape;
  const first = view.layers[0].kind;
  let rank: 2 | 4 =
    first === "conv2d" || first === "maxPool" || first === "avgPool" || H * W > 1 ? 4 : 2;
  const inputShape = rank === 4 ? [null, H, W, C] : [null, C];
  let order: Int32Array | null = null; // set after a Flatten of maps, for the next dense
  view.layers.forEach((layer, l) => {
    const name = `${layer.kind}_${l}`;
    switch (layer.kind) {
      case "dense": {
        if (rank === 4) add("Flatten", `${name}_flatten`, {}); // C×1×1 maps: HWC is CHW
        rank = 2;
        const act = activationOf(layer.activation, l, rank);
        add("Dense", name, { units: layer.outputs, activation: act.name, use_bias: true });
        weight(
          name,
          "kernel",
          [layer.inputs, layer.outputs],
          denseKernelOut(layer.weights, layer.inputs, layer.outputs, order),
        );
        weight(name, "bias", [layer.outputs], Float32Array.from(layer.biases));
        order = null;
        if (act.alpha !== undefined) add("LeakyReLU", `${name}_leaky`, { alpha: act.alpha });
        return;
      }
      case "conv2d": {
        const { input, output, kernelSize: k, stride } = layer.geometry;
        const act = activationOf(layer.activation, l, 4);
        const p = layer.padding;
        if (typeof p === "number" && p > 0)
          add("ZeroPadding2D", `${name}_pad`, {
            padding: [
              [p, p],
              [p, p],
            ],
            data_format: "channels_last",
          });
        add("Conv2D", name, {
          filters: output.channels,
          kernel_size: [k, k],
          strides: [stride, stride],
          padding: p === "same" ? "same" : "valid",
          data_format: "channels_last",
          dilation_rate: [1, 1],
          activation: act.name,
          use_bias: true,
        });
        weight(
          name,
          "kernel",
          [k, k, input.channels, output.channels],
          convKernelOut(layer.weights, output.channels, input.channels, k),
        );
        weight(name, "bias", [output.channels], Float32Array.from(layer.biases));
        if (act.alpha !== undefined) add("LeakyReLU", `${name}_leaky`, { alpha: act.alpha });
        return;
      }
      case "maxPool":
      case "avgPool": {
        const { size, stride } = layer.geometry;
        const config = {
          pool_size: [size, size],
          strides: [stride, stride],
          padding: "valid",
          data_format: "channels_last",
        };
        add(layer.kind === "maxPool" ? "MaxPooling2D" : "AveragePooling2D", name, config);
        return;
      }
      case "flatten": {
        const maps = rank === 4 && layer.inputShape.height * layer.inputShape.width > 1;
        if (maps && nextDense(view.layers, l)) order = hwcToChw(layer.inputShape);
        else if (maps) add("Permute", `${name}_permute`, { dims: [3, 1, 2] }); // to C, H, W first
        add("Flatten", name, {});
        rank = 2;
        return;
      }
      case "dropout":
        if (layer.mode === "inverted") add("Dropout", name, { rate: layer.rate });
        else add("Rescaling", name, { scale: 1 - layer.rate, offset: 0 });
        return;
    }
  });

  const bytes = new Float32Array(weights.reduce((n, w) => n + w.values.length, 0));
  let at = 0;
  for (const { values } of weights) {
    bytes.set(values, at);
    at += values.length;
  }
  const metadata = options.metadata ?? {};
  const modelName =
    options.name ?? (typeof metadata.name === "string" ? metadata.name : undefined) ?? "backprop";
  const backprop = { model: view.model, cost: view.cost, dtype: view.dtype, metadata };
  return {
    modelJson: {
      format: "layers-model",
      generatedBy: `@backprop/formats ${VERSION}`,
      convertedBy: null,
      modelTopology: {
        class_name: "Sequential",
        config: { name: modelName, layers },
        keras_version: "tfjs-layers 4.22.0",
        backend: "tensor_flow.js",
      },
      weightsManifest: [{ paths: [TFJS_WEIGHTS_FILE], weights: weights.map((w) => w.spec) }],
      userDefinedMetadata: { backprop },
    },
    // Typed arrays are little-endian on every platform TensorFlow.js runs on, as the format is.
    weightData: bytes.buffer,
  };
}

/** Whether a dense layer follows layer l with only dropout between. */
function nextDense(layers: LayerView[], l: number): boolean {
  for (let i = l + 1; i < layers.length; i++) {
    if (layers[i].kind === "dense") return true;
    if (layers[i].kind !== "dropout") return false;
  }
  return false;
}

/** Keras's activation name for ours; leakyRelu is "linear" then a LeakyReLU layer with `alpha`. */
function activationOf(
  activation: Activation,
  l: number,
  rank: 2 | 4,
): { name: string; alpha?: number } {
  const { name } = activation;
  if (!isBuiltInActivation(activation)) {
    throw new ExportError(
      "tfjs",
      l,
      `layer ${l}'s activation ${JSON.stringify(name)} is not one of ours (sigmoid, tanh, relu, leakyRelu, identity, softplus, softmax), and TensorFlow.js layers models can only name its built-in activations: export to ONNX with activationOps instead`,
    );
  }
  const slope = leakySlope(name);
  if (slope !== null) return { name: "linear", alpha: slope };
  if (name === "softmax" && rank === 4) {
    throw new ExportError(
      "tfjs",
      l,
      `layer ${l} is a conv2d with softmax: ours normalises each whole sample, TensorFlow.js's each position's channels; put flatten and a dense softmax layer after the convolution`,
    );
  }
  return { name: name === "identity" ? "linear" : name };
}
