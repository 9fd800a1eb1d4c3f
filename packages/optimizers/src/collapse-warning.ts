import type { LabelledSamples } from "@backprop/linalg";
import type { EpochRecord, TrainingWarning } from "./training-types";

/** The share of the most frequent class in `data`: what predicting one class for every sample scores at best. */
export function chanceAccuracy(data: LabelledSamples): number {
  const counts = new Array<number>(data.classes).fill(0);
  for (let i = 0; i < data.length; i++) counts[data.labels[i]]++;
  return data.length === 0 ? 0 : Math.max(...counts) / data.length;
}

const percent = (x: number) => `${(100 * x).toFixed(1)}%`;

/**
 * A warning for the epoch where accuracy fell to chance p (at most p + (1 − p)/20: 14.5% for
 * ten balanced classes, 52.5% for two) after an earlier epoch was well above it (at least
 * p + (1 − p)/4: 32.5% and 62.5%). Watches validation data, else test data, else training
 * data; `chance` holds chanceAccuracy of each. Only the epoch of the fall is flagged, so a
 * run that stays collapsed gets one warning (and another if it recovers and falls again).
 */
export function collapseWarning(
  history: readonly EpochRecord[],
  record: EpochRecord,
  chance: Partial<Record<TrainingWarning["on"], number>>,
): TrainingWarning | undefined {
  const on = record.validation ? "validation" : record.test ? "test" : "training";
  const accuracy = record[on]?.accuracy;
  const p = chance[on];
  if (accuracy === undefined || p === undefined) return undefined;
  const nearChance = (a: number) => a <= p + (1 - p) / 20;
  if (!nearChance(accuracy)) return undefined;
  const previous = history.at(-1)?.[on]?.accuracy;
  if (previous !== undefined && nearChance(previous)) return undefined;
  let best: { epoch: number; accuracy: number } | undefined;
  for (const r of history) {
    const a = r[on]?.accuracy;
    if (a !== undefined && (!best || a > best.accuracy)) best = { epoch: r.epoch, accuracy: a };
  }
  if (!best || best.accuracy < p + (1 - p) / 4) return undefined;
  const { eta } = record;
  return {
    kind: "collapse",
    message:
      `accuracy on the ${on} data fell to ${percent(accuracy)}, chance level (${percent(p)}), after ` +
      `${percent(best.accuracy)} in epoch ${best.epoch}: the network has probably collapsed (saturated ` +
      `or dead units that no longer learn), often because η = ${eta} is too large; try η = ${eta / 10}, ` +
      "or earlyStop to keep the best epoch's weights",
    on,
    accuracy,
    chance: p,
    bestEpoch: best.epoch,
    bestAccuracy: best.accuracy,
  };
}
