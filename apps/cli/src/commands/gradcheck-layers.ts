import { Matrix, Rng } from "@backprop/linalg";
import {
  checkLayerNetworkGradients,
  type DropoutLayer,
  type LayerNetwork,
  type Shape3,
} from "@backprop/network";
import { badValue } from "../errors";
import { buildLayerNetwork, parseLayerSpec } from "../layer-spec";
import { formatShape } from "../model-data";
import type { Output } from "../output";
import type { GradcheckFlags } from "./gradcheck";
import { randomSamples } from "./random-samples";

/** A layer spec's default input: small enough that checking every parameter takes a moment. */
export const DEFAULT_LAYER_INPUT: Shape3 = { channels: 1, height: 8, width: 8 };

/** `--input`'s parser: one sample's shape as CxHxW (or C×H×W), each a whole number ≥ 1. */
export function shapeOption(flag: string) {
  return (value: string): Shape3 => {
    const parts = value.split(/[x×]/i).map((p) => p.trim());
    const sizes = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : Number.NaN));
    if (sizes.length !== 3 || sizes.some((n) => !Number.isSafeInteger(n) || n < 1))
      throw badValue(flag, value, "one sample's shape CxHxW, like 1x8x8 (channels, height, width)");
    return { channels: sizes[0], height: sizes[1], width: sizes[2] };
  };
}

/**
 * `backprop gradcheck --layers conv:2x3,maxpool:2,dense:3`: the whole LayerNetwork's
 * backprop against finite differences (checkLayerNetworkGradients) on random samples of
 * `--input`'s shape, reported per layer and parameter. Dropout masks are pinned, so the
 * cost is the same function at every evaluation. Exits 1 above the tolerance.
 */
export function runGradcheckLayers(spec: string, flags: GradcheckFlags, output: Output): void {
  const input = flags.input ?? DEFAULT_LAYER_INPUT;
  const outputActivation = flags.outputActivation ?? flags.activation;
  const network = buildLayerNetwork(parseLayerSpec(spec), {
    input,
    activation: flags.activation,
    outputActivation,
    cost: flags.cost,
    init: flags.init,
    rng: new Rng(flags.seed),
  });
  const rng = new Rng(flags.seed + 1);
  pinDropoutMasks(network, flags.samples, rng);
  const inputs = input.channels * input.height * input.width;
  const last = network.layers[network.layers.length - 1].outputShape;
  const outputs = last.channels;
  const { x, y } = randomSamples(inputs, outputs, flags.samples, rng);
  // Tolerance 0 lists every comparison with an error (all but exact ones) among the
  // failures, from which each parameter's worst is read; the verdict uses --tolerance.
  const report = checkLayerNetworkGradients(network, x, y, {
    perMatrix: flags.perLayer,
    seed: flags.seed,
    tolerance: 0,
  });
  const worstOf = new Map<string, number>();
  for (const f of report.failures) {
    const at = /^layers\[(\d+)\]\.parameters\[(\d+)\]/.exec(f.at)?.slice(1).join(",") ?? "";
    worstOf.set(at, Math.max(worstOf.get(at) ?? 0, f.error));
  }
  const layers = network.layers.map((layer, l) => ({
    layer: l + 1,
    kind: layer.kind,
    inputShape: layer.inputShape,
    outputShape: layer.outputShape,
    ...(layer.parameters.length
      ? {
          weights: worstOf.get(`${l},0`) ?? 0,
          ...(layer.parameters.length > 1 ? { biases: worstOf.get(`${l},1`) ?? 0 } : {}),
        }
      : {}),
  }));
  const worst = report.worst;
  const ok = worst.error <= flags.tolerance;
  output.record({
    event: "gradcheck",
    ok,
    tolerance: flags.tolerance,
    layers: spec,
    input,
    checked: report.checked,
    worst,
    perLayer: layers,
    overTolerance: report.failures.filter((f) => !(f.error <= flags.tolerance)).length,
  });
  output.say(
    `Gradient check of ${spec} on ${formatShape(input)} inputs (${flags.activation}, ${outputActivation} output; ${network.cost.name} cost) on ${flags.samples} random samples, ${report.checked} parameters:`,
    true,
  );
  for (const layer of layers) {
    const shapes = `${formatShape(layer.inputShape)} → ${formatShape(layer.outputShape)}`;
    const errors =
      layer.weights === undefined
        ? "no parameters (its backward shows in the gradients of the layers below it)"
        : `weights ${layer.weights.toExponential(2)}${layer.biases === undefined ? "" : `, biases ${layer.biases.toExponential(2)}`}`;
    output.say(`  layer ${layer.layer} ${layer.kind} ${shapes}: ${errors}`, true);
  }
  output.say(
    `Worst relative error ${worst.error.toExponential(2)} at ${worst.at} (backprop ${worst.analytic}, finite differences ${worst.numeric}): ${ok ? "OK" : `FAILED (tolerance ${flags.tolerance.toExponential(0)})`}`,
    true,
  );
  if (!ok && network.layers.some((layer) => layer.kind === "maxPool")) {
    output.say(
      "(max pooling has a kink where two inputs of a window tie; with many windows a finite difference can step across one: if only weights below a maxpool fail, try another --seed or a smaller --input)",
    );
  }
  if (!ok) process.exitCode = 1;
}

/** Fixed 0/1 masks (Bernoulli(1 − rate)) for every dropout layer, so C is one function. */
function pinDropoutMasks(network: LayerNetwork, samples: number, rng: Rng): void {
  for (const layer of network.layers) {
    if (layer.kind !== "dropout") continue;
    const { rate, inputShape: s } = layer as DropoutLayer;
    const mask = Matrix.zeros(s.channels * s.height * s.width, samples);
    for (let i = 0; i < mask.data.length; i++) mask.data[i] = rng.uniform() < rate ? 0 : 1;
    (layer as DropoutLayer).fixMask(mask);
  }
}
