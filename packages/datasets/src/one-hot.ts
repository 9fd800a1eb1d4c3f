import { type DType, Matrix } from "@backprop/linalg";
import { assertLabelsInRange } from "./classification-data";

/**
 * Labels as one-hot columns: (classes × n), column j has a 1 in row labels[j].
 * This is the seed's `vectorized_result`, for many labels at once.
 */
export function oneHot(
  labels: ArrayLike<number>,
  classes: number,
  dtype: DType = "float64",
): Matrix {
  if (!Number.isInteger(classes) || classes < 1) {
    throw new RangeError(`oneHot: classes must be a positive integer, got ${classes}`);
  }
  const ints = Int32Array.from(labels);
  for (let j = 0; j < labels.length; j++) {
    if (ints[j] !== labels[j]) {
      throw new RangeError(`oneHot: label ${labels[j]} at position ${j} is not an integer`);
    }
  }
  assertLabelsInRange(ints, classes, "oneHot");
  const out = Matrix.zeros(classes, ints.length, dtype);
  for (let j = 0; j < ints.length; j++) out.data[ints[j] * ints.length + j] = 1;
  return out;
}
