import type { LabelledSamples } from "../src/labelled-samples";

/** A plain labelled data set for the tests (what @backprop/datasets' ClassificationData holds). */
export function labelledSamples(init: Omit<LabelledSamples, "length">): LabelledSamples {
  return { ...init, length: init.labels.length };
}
