import { batches } from "@backprop/datasets";
import { argmaxColumnsInto } from "@backprop/linalg";
import { loadDataset } from "../data";
import { UsageError } from "../errors";
import { readModel } from "../model-io";
import type { Output } from "../output";

export interface EvaluateFlags {
  dataset: string;
  split: "test" | "validation" | "training";
  seed: number;
  testSize?: number;
}

/** `backprop evaluate <model>`: accuracy, cost, and the confusion matrix on a data set. */
export async function runEvaluate(
  path: string,
  flags: EvaluateFlags,
  output: Output,
): Promise<void> {
  const { network } = readModel(path);
  const data = await loadDataset(flags.dataset, {
    seed: flags.seed,
    validation: flags.split === "validation",
    testSize: flags.testSize,
  });
  const set =
    flags.split === "validation"
      ? data.validation!
      : flags.split === "training"
        ? data.training
        : data.test;
  if (set.features !== network.sizes[0]) {
    throw new UsageError(
      `--dataset: ${flags.dataset} has ${set.features} inputs but the model takes ${network.sizes[0]}`,
    );
  }
  const classes = network.sizes[network.sizes.length - 1];
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  let cost = 0;
  const predicted = new Int32Array(1000);
  for (const batch of batches(set, { batchSize: 1000, layout: "dense" })) {
    const out = network.feedforward(batch.inputs);
    cost += network.cost.fn(out, batch.targets);
    const columns = predicted.subarray(0, batch.size);
    argmaxColumnsInto(columns, out);
    for (let j = 0; j < batch.size; j++) confusion[batch.labels[j]][columns[j]]++;
  }
  const correct = confusion.reduce((s, row, i) => s + row[i], 0);
  const accuracy = correct / set.length;
  output.record({
    event: "evaluation",
    model: path,
    dataset: flags.dataset,
    split: flags.split,
    samples: set.length,
    correct,
    accuracy,
    cost: cost / set.length,
    confusion,
  });
  output.say(
    `${path} on ${data.description}, ${flags.split}: ${correct} / ${set.length} correct (${(100 * accuracy).toFixed(2)}%), mean cost ${(cost / set.length).toFixed(4)}`,
    true,
  );
  output.say("\nConfusion matrix (rows: true class, columns: predicted):", true);
  const width = Math.max(5, String(set.length).length + 1);
  output.say(
    `${"".padStart(4)}${confusion.map((_, j) => String(j).padStart(width)).join("")}`,
    true,
  );
  for (const [i, row] of confusion.entries()) {
    output.say(
      `${String(i).padStart(4)}${row.map((v) => String(v).padStart(width)).join("")}`,
      true,
    );
  }
}
