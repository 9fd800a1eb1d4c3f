import type { Rng } from "@backprop/linalg";
import { ClassificationData, createLabelArray } from "./classification-data";

/** Options every generator takes. */
export interface SyntheticOptions {
  /** How many samples; default per generator. */
  readonly samples?: number;
  /** Standard deviation of Gaussian noise added to every coordinate; default per generator. */
  readonly noise?: number;
  /** The seeded generator: the same seed gives the same data. */
  readonly rng: Rng;
}

/**
 * Builds a synthetic data set. Sample s gets class s mod classes, so classes are balanced
 * (counts differ by at most one) and interleaved; `point(label, out)` writes the noiseless
 * coordinates of one sample of that class into `out`, and Gaussian noise is added after.
 */
export function generate(
  name: string,
  options: SyntheticOptions,
  defaults: { samples: number; noise: number },
  shape: { features: number; classes: number },
  point: (label: number, out: Float64Array) => void,
): ClassificationData {
  const samples = options.samples ?? defaults.samples;
  const noise = options.noise ?? defaults.noise;
  if (!Number.isInteger(samples) || samples < 0) {
    throw new RangeError(`${name}: samples must be a non-negative integer, got ${samples}`);
  }
  if (!(noise >= 0) || !Number.isFinite(noise)) {
    throw new RangeError(`${name}: noise must be a finite number ≥ 0, got ${noise}`);
  }
  const { features, classes } = shape;
  const inputs = new Float64Array(samples * features);
  const labels = createLabelArray(samples, classes);
  const out = new Float64Array(features);
  for (let s = 0; s < samples; s++) {
    const label = s % classes;
    point(label, out);
    for (let k = 0; k < features; k++) {
      inputs[s * features + k] = noise > 0 ? out[k] + options.rng.normal(0, noise) : out[k];
    }
    labels[s] = label;
  }
  return new ClassificationData({ inputs, labels, features, classes });
}
