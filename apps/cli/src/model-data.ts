import type { ClassificationData } from "@backprop/datasets";
import type { Network } from "@backprop/network";
import { UsageError } from "./errors";

/**
 * Where a saved model's data came from, from the settings `train --save` stores: so that
 * `evaluate` and `predict` default to the same data set and the same seeded split (a
 * different seed would mix training samples into the "test" part).
 */
export function dataDefaults(
  metadata: Record<string, unknown>,
  flags: { dataset?: string; seed?: number },
): { dataset: string; seed: number } {
  const settings = (metadata.settings ?? {}) as { dataset?: unknown; seed?: unknown };
  return {
    dataset: flags.dataset ?? (typeof settings.dataset === "string" ? settings.dataset : "mnist"),
    seed: flags.seed ?? (typeof settings.seed === "number" ? settings.seed : 0),
  };
}

/** A usage error unless the data has the model's number of inputs and classes. */
export function assertFits(network: Network, data: ClassificationData, dataset: string): void {
  const inputs = network.sizes[0];
  const classes = network.sizes[network.sizes.length - 1];
  if (data.features !== inputs || data.classes !== classes) {
    throw new UsageError(
      `--dataset: ${dataset} has ${data.features} inputs and ${data.classes} classes, but the model takes ${inputs} inputs and has ${classes} outputs; pass the data set it was trained on`,
    );
  }
}
