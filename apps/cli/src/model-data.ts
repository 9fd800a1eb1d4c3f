import type { ClassificationData } from "@backprop/datasets";
import { LayerNetwork, type Network, type Shape3 } from "@backprop/network";
import { isRemoteDataset } from "./data";
import { UsageError } from "./errors";
import { inputShapeOf } from "./layer-spec";

/**
 * Where a saved model's data came from, from the settings `train --save` stores: so that
 * `evaluate` and `predict` default to the same data set and the same seeded split (a
 * different seed would mix training samples into the "test" part).
 */
export function dataDefaults(
  metadata: Record<string, unknown>,
  flags: { dataset?: string; seed?: number },
  modelPath = "the model",
): { dataset: string; seed: number } {
  const settings = (Object.hasOwn(metadata, "settings") ? metadata.settings : {}) as {
    dataset?: unknown;
    seed?: unknown;
  };
  const named = typeof settings?.dataset === "string" ? settings.dataset : "mnist";
  if (flags.dataset === undefined) refuseRemote(named, `${modelPath} was trained`);
  return {
    dataset: flags.dataset ?? named,
    seed:
      flags.seed ??
      (Number.isSafeInteger(settings?.seed) && (settings.seed as number) >= 0
        ? (settings.seed as number)
        : 0),
  };
}

/**
 * Files never choose what is downloaded: a data set named in a model or a checkpoint is
 * used as it is only if it is built in or a local path; a URL must be given again on the
 * command line (`--dataset URL`), by the user, who then chose it.
 */
export function refuseRemote(dataset: string, where: string): void {
  if (!isRemoteDataset(dataset)) return;
  throw new UsageError(
    `${where} on ${dataset.length > 200 ? `${dataset.slice(0, 200)}…` : dataset}, a download; a file never chooses what is fetched, so pass it yourself if you trust it: --dataset ${dataset.length > 200 ? "<the URL>" : dataset}`,
  );
}

/**
 * What a model of either kind takes and gives: one sample's shape C×H×W (a sizes-list
 * network's n inputs are n×1×1, as a dense layer's), its number of inputs C·H·W, and its
 * number of outputs (classes).
 */
export function modelShape(network: Network | LayerNetwork): {
  input: Shape3;
  inputs: number;
  classes: number;
} {
  if (!(network instanceof LayerNetwork)) {
    const inputs = network.sizes[0];
    const classes = network.sizes[network.sizes.length - 1];
    return { input: { channels: inputs, height: 1, width: 1 }, inputs, classes };
  }
  const input = network.layers[0].inputShape;
  const out = network.layers[network.layers.length - 1].outputShape;
  return {
    input,
    inputs: input.channels * input.height * input.width,
    classes: out.channels * out.height * out.width,
  };
}

/** "C×H×W". */
export function formatShape(shape: Shape3): string {
  return `${shape.channels}×${shape.height}×${shape.width}`;
}

/**
 * A usage error unless the data has the model's number of inputs and classes; for a layer
 * model taking images, also their shape when the data has one (a 1×28×28 model must not
 * read 28×28 numbers laid out as 4×14×14).
 */
export function assertFits(
  network: Network | LayerNetwork,
  data: ClassificationData,
  dataset: string,
): void {
  const { input, inputs, classes } = modelShape(network);
  if (!(network instanceof LayerNetwork)) {
    if (data.features !== inputs || data.classes !== classes) {
      throw new UsageError(
        `--dataset: ${dataset} has ${data.features} inputs and ${data.classes} classes, but the model takes ${inputs} inputs and has ${classes} outputs; pass the data set it was trained on`,
      );
    }
    return;
  }
  const shape = inputShapeOf(data.sampleShape, data.features);
  const image = input.height * input.width > 1 && data.sampleShape.length >= 2;
  const sameShape =
    shape.channels === input.channels &&
    shape.height === input.height &&
    shape.width === input.width;
  if (data.features !== inputs || data.classes !== classes || (image && !sameShape)) {
    const has =
      data.sampleShape.length >= 2
        ? `samples of ${formatShape(shape)} (${data.features} numbers)`
        : `${data.features} inputs`;
    throw new UsageError(
      `--dataset: ${dataset} has ${has} and ${data.classes} classes, but the model takes ${formatShape(input)} inputs (${inputs} numbers) and has ${classes} outputs; pass the data set it was trained on (--dataset)`,
    );
  }
}

/**
 * The names of the model's classes (a CSV's label names, saved by `train` in the model's
 * metadata), or those of the data it is evaluated on; undefined where classes are plain
 * numbers (MNIST's digits), which are then printed as they are.
 */
export function classNamesOf(
  network: Network | LayerNetwork,
  metadata: Record<string, unknown>,
  data?: ClassificationData,
): readonly string[] | undefined {
  const { classes } = modelShape(network);
  if (data?.classNames?.length === classes) return data.classNames;
  const saved = Object.hasOwn(metadata, "classNames") ? metadata.classNames : undefined;
  return Array.isArray(saved) &&
    saved.length === classes &&
    saved.every((name) => typeof name === "string" && name.length <= 100)
    ? (saved as string[])
    : undefined;
}

/** Class c as printed: its name when the model has names, else the number. */
export function className(names: readonly string[] | undefined, c: number): string {
  return names ? names[c] : String(c);
}
