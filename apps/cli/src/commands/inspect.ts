import { UsageError } from "../errors";
import { type ModelOutline, readModel, readModelOutline } from "../model-io";
import type { Output } from "../output";

/** `backprop inspect <model>`: architecture, parameter count, activations, training metadata. */
export function runInspect(path: string, output: Output): void {
  let model: ReturnType<typeof readModel>;
  try {
    model = readModel(path);
  } catch (error) {
    // A name only a plugin knows: the rest of the file can still be shown.
    const outline = error instanceof UsageError ? readModelOutline(path) : null;
    if (!outline) throw error;
    inspectOutline(path, outline, (error as Error).message, output);
    return;
  }
  const { network, metadata } = model;
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

/** What inspect can say of a model whose activation or cost needs a plugin not given. */
function inspectOutline(path: string, outline: ModelOutline, why: string, output: Output): void {
  const { sizes, activations, cost, metadata } = outline;
  let parameters = 0;
  for (let l = 1; l < sizes.length; l++) parameters += sizes[l] * (sizes[l - 1] + 1);
  output.record({ file: path, sizes, activations, cost, parameters, metadata, note: why });
  output.say(`${path}: ${sizes.join("-")} network, ${parameters} parameters, ${cost} cost`, true);
  for (let l = 1; l < sizes.length; l++) {
    output.say(
      `  layer ${l}: w ${sizes[l]}×${sizes[l - 1]}, b ${sizes[l]}×1, ${activations[l - 1] ?? "?"}`,
      true,
    );
  }
  for (const [key, value] of Object.entries(metadata)) {
    output.say(
      `  ${key}: ${typeof value === "object" ? JSON.stringify(value) : String(value)}`,
      true,
    );
  }
  output.say(`(${why})`);
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
