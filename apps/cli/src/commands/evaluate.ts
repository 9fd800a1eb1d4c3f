import { evaluateData, evaluateLayers } from "@backprop/optimizers";
import { loadDataset } from "../data";
import { UsageError } from "../errors";
import { assertFits, className, classNamesOf, dataDefaults } from "../model-data";
import { readModel } from "../model-io";
import type { Output } from "../output";

export interface EvaluateFlags {
  dataset?: string;
  sha256?: string[];
  split: "test" | "validation" | "training";
  seed?: number;
  testSize?: number;
}

/**
 * `backprop evaluate <model>`: accuracy, cost, and the confusion matrix on a data set, for
 * a model file of either version (a sizes-list Network or a LayerNetwork, dropout off).
 */
export async function runEvaluate(
  path: string,
  flags: EvaluateFlags,
  output: Output,
): Promise<void> {
  const model = readModel(path);
  const { network, metadata } = model;
  const { dataset, seed } = dataDefaults(metadata, flags, path);
  const data = await loadDataset(dataset, {
    seed,
    sha256: flags.sha256,
    validation: flags.split === "validation",
    testSize: flags.testSize,
  });
  const set =
    flags.split === "validation"
      ? data.validation
      : flags.split === "training"
        ? data.training
        : data.test;
  if (!set) throw new UsageError(`--split: ${dataset} has no ${flags.split} part`);
  assertFits(network, set, dataset);
  const {
    correct,
    total,
    accuracy,
    cost,
    confusion = [],
  } = model.kind === "layers"
    ? evaluateLayers(model.network, set, 0, { confusion: true })
    : evaluateData(model.network, set, 0, { confusion: true });
  const names = classNamesOf(network, metadata, set);
  output.record({
    event: "evaluation",
    model: path,
    dataset,
    split: flags.split,
    samples: total,
    correct,
    accuracy,
    cost,
    confusion,
    ...(names ? { classNames: names } : {}),
  });
  output.say(
    `${path} on ${data.description}, ${flags.split}: ${correct} / ${total} correct (${(100 * accuracy).toFixed(2)}%), mean cost ${cost.toFixed(4)}`,
    true,
  );
  output.say("\nConfusion matrix (rows: true class, columns: predicted):", true);
  const label = (c: number) => className(names, c).slice(0, 12);
  const rowHead = Math.max(4, ...confusion.map((_, i) => label(i).length + 1));
  const width = Math.max(
    5,
    String(total).length + 1,
    ...confusion.map((_, j) => label(j).length + 1),
  );
  output.say(
    `${"".padStart(rowHead)}${confusion.map((_, j) => label(j).padStart(width)).join("")}`,
    true,
  );
  for (const [i, row] of confusion.entries()) {
    output.say(
      `${label(i).padStart(rowHead)}${row.map((v) => String(v).padStart(width)).join("")}`,
      true,
    );
  }
}
