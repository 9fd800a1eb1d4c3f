import { readModel } from "../model-io";
import type { Output } from "../output";

/** `backprop inspect <model>`: architecture, parameter count, activations, training metadata. */
export function runInspect(path: string, output: Output): void {
  const { network, metadata } = readModel(path);
  const summary = {
    file: path,
    sizes: network.sizes,
    activations: network.activations.map((a) => a.name),
    cost: network.cost.name,
    parameters: network.parameterCount(),
    layers: network.weights.map((w, l) => ({
      layer: l + 1,
      weights: `${w.rows}×${w.cols}`,
      biases: `${network.biases[l].rows}×1`,
      activation: network.activations[l].name,
      weightMean: mean(w.data),
      weightStd: std(w.data),
    })),
    metadata,
  };
  output.record(summary);
  output.say(
    `${path}: ${network.sizes.join("-")} network, ${summary.parameters} parameters, ${network.cost.name} cost`,
    true,
  );
  for (const layer of summary.layers) {
    output.say(
      `  layer ${layer.layer}: w ${layer.weights}, b ${layer.biases}, ${layer.activation}; weights mean ${layer.weightMean.toFixed(4)}, std ${layer.weightStd.toFixed(4)}`,
      true,
    );
  }
  for (const [key, value] of Object.entries(metadata)) {
    output.say(
      `  ${key}: ${typeof value === "object" ? JSON.stringify(value) : String(value)}`,
      true,
    );
  }
}

function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return values.length ? s / values.length : 0;
}

function std(values: ArrayLike<number>): number {
  const m = mean(values);
  let s = 0;
  for (let i = 0; i < values.length; i++) s += (values[i] - m) ** 2;
  return values.length ? Math.sqrt(s / values.length) : 0;
}
