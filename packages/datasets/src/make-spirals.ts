import { cos, sin } from "@backprop/linalg";
import type { ClassificationData } from "./classification-data";
import { generate, type SyntheticOptions } from "./synthetic";

export interface SpiralsOptions extends SyntheticOptions {
  /** Number of arms, one class each; default 3. */
  readonly classes?: number;
  /** How many times each arm winds around the centre; default 1. */
  readonly turns?: number;
}

/**
 * Interleaved spiral arms (the CS231n example): arm k at radius r (uniform in [0, 1))
 * and angle 2π(k / classes + turns · r). Hard for linear models, easy for two hidden layers.
 */
export function makeSpirals(options: SpiralsOptions): ClassificationData {
  const { rng, classes = 3, turns = 1 } = options;
  if (!Number.isInteger(classes) || classes < 2) {
    throw new RangeError(`makeSpirals: classes must be an integer ≥ 2, got ${classes}`);
  }
  if (!(turns > 0) || !Number.isFinite(turns)) {
    throw new RangeError(`makeSpirals: turns must be a finite number > 0, got ${turns}`);
  }
  return generate(
    "makeSpirals",
    options,
    { samples: 300, noise: 0.02 },
    { features: 2, classes },
    (label, out) => {
      const r = rng.uniform();
      const angle = 2 * Math.PI * (label / classes + turns * r);
      out[0] = r * cos(angle);
      out[1] = r * sin(angle);
    },
  );
}
