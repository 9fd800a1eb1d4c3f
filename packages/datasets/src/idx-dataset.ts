import { assertLabelsInRange, ClassificationData, type InputArray } from "./classification-data";
import { DatasetError, IdxFormatError } from "./errors";
import type { IdxTensor } from "./idx-types";

/** What {@link idxClassification} needs beyond the two tensors. */
export interface IdxDatasetOptions {
  /** How many classes the labels index (10 for MNIST and Fashion-MNIST, 47 for EMNIST Balanced…). */
  readonly classes: number;
  /** Names of the two sources, for error messages. */
  readonly sources?: {
    /** Where the images came from (a path or URL), as errors should name it. */
    readonly images?: string;
    /** Where the labels came from (a path or URL), as errors should name it. */
    readonly labels?: string;
  };
}

/**
 * A classification data set from an images tensor (n × d1 × d2 …) and a labels tensor (n).
 * ubyte images stay a byte view (no copy); float/double keep their type; other integer
 * types become float64. Counts and label ranges are checked: nothing loads in part.
 */
export function idxClassification(
  images: IdxTensor,
  labels: IdxTensor,
  options: IdxDatasetOptions,
): ClassificationData {
  const imageSource = options.sources?.images ?? "images";
  const labelSource = options.sources?.labels ?? "labels";
  if (labels.dims.length !== 1) {
    throw new IdxFormatError("idx-dimensions", {
      context: labelSource,
      expected: "a 1-dimensional labels file (n)",
      found: `dimensions ${labels.dims.join("×")}`,
      hint: "check that the labels and images files are not swapped",
    });
  }
  if (labels.type === "float" || labels.type === "double") {
    throw new IdxFormatError("idx-type", {
      context: labelSource,
      expected: "integer labels (ubyte, byte, short or int)",
      found: labels.type,
      hint: "labels must be class indexes",
    });
  }
  const count = images.dims[0];
  if (count !== labels.dims[0]) {
    throw new DatasetError("count-mismatch", {
      context: `${imageSource} and ${labelSource}`,
      expected: "as many labels as images",
      found: `${count} images and ${labels.dims[0]} labels`,
      hint: "use the labels file that belongs to this images file",
    });
  }
  const sampleShape = images.dims.length > 1 ? images.dims.slice(1) : [1];
  const features = sampleShape.reduce((a, b) => a * b, 1);
  // Byte labels stay a view; wider or signed ones become int32, which holds any of them.
  const labelArray = labels.data instanceof Uint8Array ? labels.data : Int32Array.from(labels.data);
  assertLabelsInRange(labelArray, options.classes, labelSource);
  return new ClassificationData({
    inputs: toInputs(images.data),
    labels: labelArray,
    features,
    classes: options.classes,
    sampleShape,
  });
}

function toInputs(data: IdxTensor["data"]): InputArray {
  if (data instanceof Uint8Array || data instanceof Float32Array || data instanceof Float64Array) {
    return data;
  }
  return Float64Array.from(data);
}
