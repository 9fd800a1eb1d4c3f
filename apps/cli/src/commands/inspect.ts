import { UsageError } from "../errors";
import { type LoadedModel, readModel } from "../model-io";
import { readModelOutline, type SizesOutline } from "../model-outline";
import type { Output } from "../output";
import { inspectLayers, inspectLayersOutline, mean, sayMetadata, std } from "./inspect-layers";

/**
 * `backprop inspect <model>`: architecture, parameter count, activations, training
 * metadata, for a model file of either version (a sizes-list Network or a layer model).
 */
export function runInspect(path: string, output: Output): void {
  let model: LoadedModel;
  try {
    model = readModel(path);
  } catch (error) {
    // A name only a plugin knows: the rest of the file can still be shown.
    const outline = error instanceof UsageError ? readModelOutline(path) : null;
    if (!outline) throw error;
    const why = (error as Error).message;
    if (outline.kind === "layers") inspectLayersOutline(path, outline, why, output);
    else inspectOutline(path, outline, why, output);
    return;
  }
  if (model.kind === "layers") {
    inspectLayers(path, model.network, model.metadata, output);
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
  sayMetadata(metadata, output);
}

/** What inspect can say of a model whose activation or cost needs a plugin not given. */
function inspectOutline(path: string, outline: SizesOutline, why: string, output: Output): void {
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
  sayMetadata(metadata, output);
  output.say(`(${why})`);
}
