import type {
  Conv2dLayer,
  DropoutLayer,
  Layer,
  LayerNetwork,
  PoolLayer,
  Shape3,
} from "@backprop/network";
import { isActivatedLayer } from "@backprop/network";
import { formatShape } from "../model-data";
import type { LayersOutline } from "../model-outline";
import type { Output } from "../output";

/**
 * `backprop inspect` of a layer model (model file version 2): each layer's kind, shapes
 * C×H×W in and out, its options (kernel, window, rate), its parameters' shapes and count,
 * its activation and its weights' mean and standard deviation; then the metadata.
 */
export function inspectLayers(
  path: string,
  network: LayerNetwork,
  metadata: Record<string, unknown>,
  output: Output,
): void {
  const layers = network.layers.map((layer, l) => describeLayer(layer, l + 1));
  const parameters = layers.reduce((sum, layer) => sum + layer.parameters, 0);
  const input = network.layers[0].inputShape;
  const out = network.layers[network.layers.length - 1].outputShape;
  output.record({
    file: path,
    kind: "layers",
    version: 2,
    inputShape: input,
    outputShape: out,
    cost: network.cost.name,
    dtype: network.dtype,
    parameters,
    layers,
    metadata,
  });
  output.say(
    `${path}: layer model ${layers.map((layer) => layer.kind).join(" → ")}, ${formatShape(input)} in, ${formatShape(out)} out, ${parameters} parameters, ${network.cost.name} cost${network.dtype === "float32" ? ", float32" : ""}`,
    true,
  );
  for (const layer of layers) output.say(`  ${layerLine(layer)}`, true);
  sayMetadata(metadata, output);
}

/** What inspect can say of a layer model whose activation or cost needs a plugin not given. */
export function inspectLayersOutline(
  path: string,
  outline: LayersOutline,
  why: string,
  output: Output,
): void {
  const { layers, cost, metadata } = outline;
  const parameters = layers.reduce((sum, layer) => sum + layer.parameters, 0);
  const described = layers.map((layer, l) => ({ layer: l + 1, ...layer }));
  output.record({
    file: path,
    kind: "layers",
    version: 2,
    cost,
    parameters,
    layers: described,
    metadata,
    note: why,
  });
  output.say(
    `${path}: layer model ${layers.map((layer) => layer.kind).join(" → ")}, ${parameters} parameters, ${cost} cost`,
    true,
  );
  for (const layer of described) {
    output.say(
      `  layer ${layer.layer}: ${layer.kind} ${formatShape(layer.inputShape)} → ${formatShape(layer.outputShape)}` +
        `${layer.parameters ? `, ${layer.parameters} parameters` : ""}${layer.activation ? `, ${layer.activation}` : ""}`,
      true,
    );
  }
  sayMetadata(metadata, output);
  output.say(`(${why})`);
}

/** One layer as inspect reports it (also its --json record). */
interface LayerSummary {
  layer: number;
  kind: string;
  inputShape: Shape3;
  outputShape: Shape3;
  /** Kernel, window or rate, as words: "4 filters 5×5, stride 1, padding valid". */
  options?: string;
  parameters: number;
  weights?: string;
  biases?: string;
  activation?: string;
  weightMean?: number;
  weightStd?: number;
}

function describeLayer(layer: Layer, number: number): LayerSummary {
  const summary: LayerSummary = {
    layer: number,
    kind: layer.kind,
    inputShape: { ...layer.inputShape },
    outputShape: { ...layer.outputShape },
    parameters: layer.parameters.reduce((sum, p) => sum + p.data.length, 0),
  };
  const options = optionsOf(layer);
  if (options) summary.options = options;
  const [w, b] = layer.parameters;
  if (w) {
    summary.weights = `${w.rows}×${w.cols}`;
    summary.weightMean = mean(w.data);
    summary.weightStd = std(w.data);
  }
  if (b) summary.biases = `${b.rows}×${b.cols}`;
  if (isActivatedLayer(layer)) summary.activation = layer.activation.name;
  return summary;
}

/** The options a kind is built with, from the layer's own geometry. */
function optionsOf(layer: Layer): string | undefined {
  switch (layer.kind) {
    case "conv2d": {
      const { geometry, padding } = layer as Conv2dLayer;
      const k = geometry.kernelSize;
      return `${geometry.output.channels} filters ${k}×${k}, stride ${geometry.stride}, padding ${padding}`;
    }
    case "maxPool":
    case "avgPool": {
      const { geometry } = layer as PoolLayer;
      return `window ${geometry.size}×${geometry.size}, stride ${geometry.stride}`;
    }
    case "dropout": {
      const { rate, mode } = layer as DropoutLayer;
      return `rate ${rate}, ${mode}`;
    }
    default:
      return undefined;
  }
}

function layerLine(s: LayerSummary): string {
  const parts = [
    `layer ${s.layer}: ${s.kind} ${formatShape(s.inputShape)} → ${formatShape(s.outputShape)}`,
  ];
  if (s.options) parts.push(s.options);
  if (s.weights) parts.push(`w ${s.weights}, b ${s.biases} (${s.parameters} parameters)`);
  if (s.activation) parts.push(s.activation);
  const line = parts.join(", ");
  return s.weightMean === undefined
    ? line
    : `${line}; weights mean ${s.weightMean.toFixed(4)}, std ${(s.weightStd ?? 0).toFixed(4)}`;
}

/** Each metadata entry on its own line, objects as JSON. */
export function sayMetadata(metadata: Record<string, unknown>, output: Output): void {
  for (const [key, value] of Object.entries(metadata)) {
    output.say(
      `  ${key}: ${typeof value === "object" ? JSON.stringify(value) : String(value)}`,
      true,
    );
  }
}

/** The mean of the values (0 for none). */
export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return values.length ? s / values.length : 0;
}

/** The population standard deviation of the values (0 for none). */
export function std(values: ArrayLike<number>): number {
  const m = mean(values);
  let s = 0;
  for (let i = 0; i < values.length; i++) s += (values[i] - m) ** 2;
  return values.length ? Math.sqrt(s / values.length) : 0;
}
