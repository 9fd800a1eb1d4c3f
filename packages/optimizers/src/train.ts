import type { LabelledSamples } from "@backprop/linalg";
import type { Network } from "@backprop/network";
import { runInSlices, runToEnd } from "./run-steps";
import { trainingSteps } from "./training-steps";
import type { TrainOptions, TrainResult } from "./training-types";

/** Trains to the end, synchronously. */
export function train(network: Network, data: LabelledSamples, options: TrainOptions): TrainResult {
  return runToEnd(trainingSteps(network, data, options));
}

/** Trains like `train`, but gives the event loop a turn every ~`sliceMs` (default 12 ms), so a page stays responsive. */
export async function trainAsync(
  network: Network,
  data: LabelledSamples,
  options: TrainOptions & { sliceMs?: number },
): Promise<TrainResult> {
  return runInSlices(trainingSteps(network, data, options), options.sliceMs);
}
