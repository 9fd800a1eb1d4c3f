/**
 * Stored inputs, compact: pixel bytes stay bytes (MNIST's 70,000 images take 55 MB, not
 * 440 MB of float64); tabular and synthetic data use float arrays.
 */
export type InputArray = Uint8Array | Float32Array | Float64Array;
/** One class index per sample, in [0, classes). */
export type LabelArray = Uint8Array | Int32Array;

/**
 * A labelled data set as mini-batches read it: `length` samples of `features` values,
 * sample-major (sample s is inputs[s·features … (s+1)·features)), each with a label in
 * [0, classes). @backprop/datasets' ClassificationData is one; training
 * (@backprop/optimizers) needs nothing more of a data set, so it needs no data-set package.
 */
export interface LabelledSamples {
  /** length × features values, sample-major; bytes are scaled to [0, 1] (v / 255) when read. */
  readonly inputs: InputArray;
  /** One class index per sample, in [0, classes). */
  readonly labels: LabelArray;
  /** Values per sample (MNIST: 784), the network's sizes[0]. */
  readonly features: number;
  /** Number of classes (MNIST: 10), the network's output size. */
  readonly classes: number;
  /** Number of samples. */
  readonly length: number;
}
