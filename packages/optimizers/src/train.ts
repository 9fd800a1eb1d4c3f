import type { LabelledSamples } from "@backprop/linalg";
import type { Network } from "@backprop/network";
import { trainingSteps } from "./training-steps";
import type { TrainOptions, TrainResult } from "./training-types";

/** Trains to the end, synchronously. */
export function train(network: Network, data: LabelledSamples, options: TrainOptions): TrainResult {
  const steps = trainingSteps(network, data, options);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * One turn of the event loop (signals, timers, I/O, a page's input): setImmediate in Node,
 * whose delay is ~0 rather than setTimeout's clamped 1–4 ms, and setTimeout elsewhere.
 */
function nextTurn(): Promise<void> {
  return new Promise((resolve) =>
    typeof setImmediate === "function" ? setImmediate(resolve) : setTimeout(resolve, 0),
  );
}

/** Trains like `train`, but gives the event loop a turn every ~`sliceMs` (default 12 ms), so a page stays responsive. */
export async function trainAsync(
  network: Network,
  data: LabelledSamples,
  options: TrainOptions & { sliceMs?: number },
): Promise<TrainResult> {
  const steps = trainingSteps(network, data, options);
  const slice = options.sliceMs ?? 12;
  let sliceStart = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - sliceStart >= slice) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}
