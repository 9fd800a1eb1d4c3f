import { Rng } from "@backprop/linalg";
import type { Shape3 } from "@backprop/network";
import { checkGradients, Network } from "@backprop/network";
import { UsageError } from "../errors";
import type { Output } from "../output";
import { runGradcheckLayers } from "./gradcheck-layers";
import { randomSamples } from "./random-samples";

/** What `backprop gradcheck` takes. */
export interface GradcheckFlags {
  /** Sizes (default 4,5,3), or a layer spec in its canonical text (gradcheck-layers.ts). */
  layers?: number[] | string;
  /** One sample's shape for a layer spec (default 1×8×8). */
  input?: Shape3;
  activation: string;
  outputActivation?: string;
  cost: string;
  init: "standard" | "scaled" | "xavier" | "he";
  samples: number;
  seed: number;
  perLayer?: number;
  tolerance: number;
}

const DEFAULT_LAYERS = [4, 5, 3];

/**
 * `backprop gradcheck`: backprop's gradient against finite differences on a random network
 * and random samples: a sizes-list Network, or a LayerNetwork from a layer spec. Exits 1
 * when the worst relative error exceeds the tolerance.
 */
export function runGradcheck(options: GradcheckFlags, output: Output): void {
  if (typeof options.layers === "string") {
    runGradcheckLayers(options.layers, options, output);
    return;
  }
  if (options.input)
    throw new UsageError(
      "--input: gives a layer spec's input shape; a sizes list starts with its number of inputs (like 784,30,10), so drop --input or give --layers as layers (like conv:2x3,maxpool:2,dense:3)",
    );
  // --layers has no commander default: its help says "(default 4,5,3)" once, not twice.
  const flags = { ...options, layers: options.layers ?? DEFAULT_LAYERS };
  const network = new Network({
    sizes: flags.layers,
    activation: flags.activation,
    outputActivation: flags.outputActivation ?? flags.activation,
    cost: flags.cost,
    init: flags.init,
    seed: flags.seed,
  });
  const rng = new Rng(flags.seed + 1);
  const inputs = flags.layers[0];
  const outputs = flags.layers[flags.layers.length - 1];
  const { x, y } = randomSamples(inputs, outputs, flags.samples, rng);
  const report = checkGradients(network, x, y, { perLayer: flags.perLayer, seed: flags.seed });
  const ok = report.worst.relativeError <= flags.tolerance;
  output.record({ event: "gradcheck", ok, tolerance: flags.tolerance, ...report });
  output.say(
    `Gradient check of ${flags.layers.join("-")} (${network.activations.map((a) => a.name).join(", ")}; ${network.cost.name} cost) on ${flags.samples} random samples, ${report.checked} parameters:`,
    true,
  );
  for (const [l, layer] of report.layers.entries()) {
    output.say(
      `  layer ${l + 1}: weights ${layer.weights.relativeError.toExponential(2)}, biases ${layer.biases.relativeError.toExponential(2)}`,
      true,
    );
  }
  output.say(
    `Worst relative error ${report.worst.relativeError.toExponential(2)} at ${report.worst.parameter} (backprop ${report.worst.analytic}, finite differences ${report.worst.numeric}): ${ok ? "OK" : `FAILED (tolerance ${flags.tolerance.toExponential(0)})`}`,
    true,
  );
  if (!ok) process.exitCode = 1;
}
