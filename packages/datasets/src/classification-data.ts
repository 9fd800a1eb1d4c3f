import type { InputArray, LabelArray, LabelledSamples } from "@backprop/linalg";
import { DatasetError } from "./errors";

// Stored inputs stay compact (pixel bytes stay bytes); the types are linalg's, whose
// mini-batches read a ClassificationData as LabelledSamples.
export type { InputArray, LabelArray };

/** What a {@link ClassificationData} is made from; the constructor checks it all. */
export interface ClassificationDataInit {
  /** length × features values, sample-major: sample s is inputs[s·features … (s+1)·features). */
  readonly inputs: InputArray;
  /** length labels, each an integer class index in [0, classes). */
  readonly labels: LabelArray;
  /** Values per sample (MNIST: 784), the network's sizes[0]. */
  readonly features: number;
  /** Number of classes (MNIST: 10), the network's output size. */
  readonly classes: number;
  /** The shape of one sample, e.g. [28, 28]; its product must equal `features`. Default [features]. */
  readonly sampleShape?: readonly number[];
  /** A name per class (CSV labels such as "setosa"); by default none. */
  readonly classNames?: readonly string[];
}

/**
 * A labelled data set for classification. Values reach the network through `fillSample`
 * and `batches`, which scale `Uint8Array` inputs to [0, 1] (v / 255) and copy float inputs
 * as they are. The constructor checks every label, so a bad label fails at load time.
 */
export class ClassificationData implements LabelledSamples {
  /**
   * length × features values, sample-major (sample s starts at s·features), as stored:
   * bytes 0…255 for images (the network sees v / 255), floats otherwise.
   */
  readonly inputs: InputArray;
  /** One class index per sample, in [0, classes). */
  readonly labels: LabelArray;
  /** Values per sample (MNIST: 784). */
  readonly features: number;
  /** Number of classes (MNIST: 10). */
  readonly classes: number;
  /** Number of samples. */
  readonly length: number;
  /** The shape of one sample, e.g. [28, 28] for MNIST; [features] for tabular data. */
  readonly sampleShape: readonly number[];
  /** A name per class (e.g. CSV labels), or undefined when classes are just 0…classes−1. */
  readonly classNames: readonly string[] | undefined;

  constructor(init: ClassificationDataInit) {
    const { inputs, labels, features, classes } = init;
    if (!Number.isInteger(features) || features < 1) {
      throw new RangeError(
        `ClassificationData: features must be a positive integer, got ${features}`,
      );
    }
    if (!Number.isInteger(classes) || classes < 1) {
      throw new RangeError(
        `ClassificationData: classes must be a positive integer, got ${classes}`,
      );
    }
    const sampleShape = init.sampleShape ?? [features];
    if (sampleShape.reduce((a, b) => a * b, 1) !== features) {
      throw new RangeError(
        `ClassificationData: sampleShape [${sampleShape.join(", ")}] holds ${sampleShape.reduce((a, b) => a * b, 1)} values, but features is ${features}`,
      );
    }
    if (init.classNames !== undefined && init.classNames.length !== classes) {
      throw new RangeError(
        `ClassificationData: ${init.classNames.length} class names for ${classes} classes; give one name per class`,
      );
    }
    if (inputs.length !== labels.length * features) {
      throw new DatasetError("count-mismatch", {
        context: "ClassificationData",
        expected: `${labels.length} labels × ${features} features = ${labels.length * features} input values`,
        found: `${inputs.length} input values (${inputs.length / features} samples)`,
        hint: "inputs and labels must describe the same samples: check that the files belong together",
      });
    }
    assertLabelsInRange(labels, classes);
    this.inputs = inputs;
    this.labels = labels;
    this.features = features;
    this.classes = classes;
    this.length = labels.length;
    this.sampleShape = sampleShape;
    this.classNames = init.classNames;
  }

  /** Samples [start, end) as views of the same memory (no copy), like Array.prototype.slice. */
  slice(start: number, end: number = this.length): ClassificationData {
    if (
      !Number.isInteger(start) ||
      !Number.isInteger(end) ||
      start < 0 ||
      end > this.length ||
      start > end
    ) {
      throw new RangeError(
        `ClassificationData.slice: need 0 ≤ start ≤ end ≤ ${this.length}, got start ${start}, end ${end}`,
      );
    }
    const f = this.features;
    return this.with(this.inputs.subarray(start * f, end * f), this.labels.subarray(start, end));
  }

  /** The samples at `indices`, in that order, copied into new arrays. */
  select(indices: ArrayLike<number>): ClassificationData {
    const f = this.features;
    const inputs = new (this.inputs.constructor as new (n: number) => InputArray)(
      indices.length * f,
    );
    const labels = new (this.labels.constructor as new (n: number) => LabelArray)(indices.length);
    for (let k = 0; k < indices.length; k++) {
      const s = indices[k];
      if (!Number.isInteger(s) || s < 0 || s >= this.length) {
        throw new RangeError(
          `ClassificationData.select: index ${s} (position ${k}) is outside [0, ${this.length})`,
        );
      }
      inputs.set(this.inputs.subarray(s * f, (s + 1) * f), k * f);
      labels[k] = this.labels[s];
    }
    return this.with(inputs, labels);
  }

  /** The same metadata (features, classes, shape, names) over other inputs and labels. */
  with(inputs: InputArray, labels: LabelArray): ClassificationData {
    return new ClassificationData({
      inputs,
      labels,
      features: this.features,
      classes: this.classes,
      sampleShape: this.sampleShape,
      classNames: this.classNames,
    });
  }

  /** How many samples each class has: counts[c] for c in [0, classes). */
  classCounts(): number[] {
    const counts = new Array<number>(this.classes).fill(0);
    for (let s = 0; s < this.length; s++) counts[this.labels[s]]++;
    return counts;
  }
}

/** Labels must be integers in [0, classes): a bad one names its sample. */
export function assertLabelsInRange(labels: LabelArray, classes: number, context = "labels"): void {
  for (let s = 0; s < labels.length; s++) {
    const label = labels[s];
    if (label < 0 || label >= classes) {
      throw new DatasetError("label-range", {
        context: `${context}, sample ${s}`,
        expected: `a label in [0, ${classes - 1}] (${classes} classes)`,
        found: `${label}`,
        hint: "pass the right number of classes, or fix the label",
      });
    }
  }
}

/** A label array wide enough for `classes`: bytes up to 256 classes, int32 beyond. */
export function createLabelArray(length: number, classes: number): LabelArray {
  return classes <= 256 ? new Uint8Array(length) : new Int32Array(length);
}
