import type { Rng } from "@backprop/linalg";
import type { ClassificationData } from "./classification-data";

/** How {@link splitData} divides a data set: the sizes of validation and test, and the order. */
export interface SplitOptions {
  /** A fraction in [0, 1) of the samples, or a whole count ≥ 1. Default 0. */
  readonly validation?: number;
  /** A fraction in [0, 1) of the samples, or a whole count ≥ 1. Default 0. */
  readonly test?: number;
  /** Shuffle before splitting (copies); without it the split keeps the order (views, no copy). */
  readonly rng?: Rng;
}

/** A data set in three disjoint parts; training gets what validation and test leave. */
export interface Split {
  /** The samples to learn from (the rest after validation and test). */
  readonly training: ClassificationData;
  /** For choosing settings and early stopping; empty when not asked for. */
  readonly validation: ClassificationData;
  /** For the final, unseen score; empty when not asked for. */
  readonly test: ClassificationData;
}

function sizeOf(name: string, value: number, length: number): number {
  if (value >= 0 && value < 1) return Math.round(value * length);
  if (Number.isInteger(value) && value >= 1) return value;
  throw new RangeError(
    `splitData: ${name} must be a fraction in [0, 1) or a whole count ≥ 1, got ${value}`,
  );
}

/**
 * Splits into training, validation and test, in that order: training takes what the other
 * two leave. With `rng`, samples are shuffled first (a seeded, repeatable split);
 * without it the parts are contiguous views, as the seed splits MNIST.
 */
export function splitData(data: ClassificationData, options: SplitOptions = {}): Split {
  const n = data.length;
  const validation = sizeOf("validation", options.validation ?? 0, n);
  const test = sizeOf("test", options.test ?? 0, n);
  if (validation + test > n) {
    throw new RangeError(
      `splitData: validation (${validation}) + test (${test}) samples exceed the ${n} available; ask for fewer`,
    );
  }
  const trainingEnd = n - validation - test;
  const source =
    options.rng === undefined
      ? data
      : data.select(options.rng.shuffle(Uint32Array.from({ length: n }, (_, i) => i)));
  return {
    training: source.slice(0, trainingEnd),
    validation: source.slice(trainingEnd, trainingEnd + validation),
    test: source.slice(trainingEnd + validation, n),
  };
}
