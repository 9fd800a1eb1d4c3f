import { fillSample } from "@backprop/datasets";
import { Matrix as M, type Matrix } from "@backprop/linalg";
import {
  backpropMultiplications,
  expandChainRule,
  expansionMultiplications,
  LayerNetwork,
  Network,
} from "@backprop/network";
import { loadDataset } from "../data";
import { UsageError } from "../errors";
import { assertFits, dataDefaults } from "../model-data";
import { readModel } from "../model-io";
import type { Output } from "../output";
import { explainLayers } from "./explain-layers";
import { describeValues, summary } from "./summary";

export interface ExplainFlags {
  model?: string;
  index: number;
  dataset?: string;
  sha256?: string[];
  seed?: number;
}

function describe(name: string, m: Matrix): string {
  return describeValues(name, `${m.rows}×${m.cols}`, m);
}

/**
 * `backprop explain`: one sample through the network, forward then backward, naming the
 * equation behind each step, then (a sizes-list network) the cost of the gradient with and
 * without the memo. A layer model (file version 2) is explained layer by layer
 * (explain-layers.ts).
 */
export async function runExplain(flags: ExplainFlags, output: Output): Promise<void> {
  const model = flags.model ? readModel(flags.model) : undefined;
  const { dataset, seed } = dataDefaults(model?.metadata ?? {}, flags, flags.model);
  const { test } = await loadDataset(dataset, { seed, validation: false, sha256: flags.sha256 });
  const network = model?.network ?? new Network({ sizes: [784, 30, 10], seed });
  assertFits(network, test, dataset);
  if (flags.index >= test.length)
    throw new UsageError(`--index: expected a number below ${test.length}, got ${flags.index}`);
  if (network instanceof LayerNetwork) {
    const kinds = network.layers.map((layer) => layer.kind).join(" → ");
    const heading = `Sample ${flags.index} of the ${dataset} test set (label ${test.labels[flags.index]}), layer model ${kinds} from ${flags.model}.`;
    explainLayers(network, test, flags.index, heading, output);
    return;
  }
  const x = M.zeros(test.features, 1);
  const y = M.zeros(test.classes, 1);
  fillSample(test, flags.index, x, y);
  const trace = network.trace(x, y);
  const L = network.weights.length;
  const sup = (l: number) => String(l).replace(/\d/g, (d) => "⁰¹²³⁴⁵⁶⁷⁸⁹"[Number(d)]);
  const lines: string[] = [];
  lines.push(
    `Sample ${flags.index} of the ${dataset} test set (label ${test.labels[flags.index]}), network ${network.sizes.join("-")}${flags.model ? ` from ${flags.model}` : ` (untrained, seed ${seed})`}.`,
  );
  lines.push("", "Forward pass: keep every z and a (the memo of the dynamic programme).");
  lines.push(`  ${describe("a⁰ = x", trace.activations[0])}`);
  for (let l = 0; l < L; l++) {
    const n = sup(l + 1);
    lines.push(
      `  z${n} = w${n}a${sup(l)} + b${n}   (${network.weights[l].rows}×${network.weights[l].cols})·(${network.sizes[l]}×1)`,
    );
    lines.push(`     ${describe(`z${n}`, trace.zs[l])}`);
    lines.push(
      `     ${describe(`a${n} = ${network.activations[l].name}(z${n})`, trace.activations[l + 1])}`,
    );
  }
  const out = Array.from(trace.activations[L].data);
  const predicted = out.indexOf(Math.max(...out));
  lines.push(
    `  output: class ${predicted} (${out.map((v) => v.toFixed(3)).join(" ")}), cost C = ${network.cost.fn(trace.activations[L], y, trace.zs[L - 1], network.activations[L - 1]).toFixed(5)} (${network.cost.name})`,
  );
  lines.push("", "Backward pass: each δ is computed once, from the δ one layer up.");
  for (let l = L - 1; l >= 0; l--) {
    const n = sup(l + 1);
    if (l === L - 1)
      lines.push(
        `  BP1  δ${n} = ∇ₐC ⊙ σ′(z${n})                ${describe(`δ${n}`, trace.deltas[l])}`,
      );
    else
      lines.push(
        `  BP2  δ${n} = ((w${sup(l + 2)})ᵀ δ${sup(l + 2)}) ⊙ σ′(z${n})   reuses the stored δ${sup(l + 2)}: ${describe(`δ${n}`, trace.deltas[l])}`,
      );
    lines.push(`  BP3  ∂C/∂b${n} = δ${n}`);
    lines.push(
      `  BP4  ∂C/∂w${n} = δ${n}(a${sup(l)})ᵀ             ${describe(`∂C/∂w${n}`, trace.nablaW[l])}`,
    );
  }
  const backprop = backpropMultiplications(network.sizes);
  const expanded = expansionMultiplications(network.sizes);
  lines.push(
    "",
    "Why the memo matters: multiplications for this sample's whole gradient, after the shared forward pass:",
  );
  lines.push(`  backprop (δ reused, BP2):               ${backprop.toLocaleString("en")}`);
  let counted = "";
  if (expanded <= 5e7) {
    const run = expandChainRule(network, x, y);
    let worst = 0;
    for (let l = 0; l < L; l++) {
      for (let i = 0; i < run.gradients.nablaW[l].data.length; i++) {
        worst = Math.max(
          worst,
          Math.abs(run.gradients.nablaW[l].data[i] - trace.nablaW[l].data[i]),
        );
      }
    }
    counted = ` (counted by running it; same gradient, largest difference ${worst.toExponential(1)})`;
  }
  lines.push(
    `  chain rule expanded per weight, no memo: ${expanded.toLocaleString("en")}${counted}`,
  );
  lines.push(
    `  ratio: ${(expanded / backprop).toFixed(1)}×; it grows with every layer added, backprop's does not.`,
  );
  output.record({
    event: "explain",
    index: flags.index,
    label: test.labels[flags.index],
    predicted,
    layers: trace.zs.map((z, l) => ({
      z: summary(z),
      a: summary(trace.activations[l + 1]),
      delta: summary(trace.deltas[l]),
      nablaW: summary(trace.nablaW[l]),
    })),
    multiplications: { backprop, expanded },
  });
  for (const line of lines) output.say(line, true);
}
