import type { DType } from "@backprop/linalg";
import type { ClassificationData } from "./classification-data";

/**
 * A per-feature affine map x′ = (x − offset[f]) · scale[f], applied to the values the
 * network sees (bytes already divided by 255). Compute it on the training set and apply
 * the same stats to validation and test, so no information leaks from them.
 */
export interface FeatureStats {
  readonly offset: Float64Array;
  readonly scale: Float64Array;
}

/** The value the network sees for (sample, feature): bytes / 255, floats as stored. */
function valueAt(data: ClassificationData, index: number): number {
  const v = data.inputs[index];
  return data.inputs instanceof Uint8Array ? v / 255 : v;
}

/** Min–max scaling to [0, 1] per feature; a constant feature maps to 0. */
export function minMaxStats(data: ClassificationData): FeatureStats {
  const f = data.features;
  const min = new Float64Array(f).fill(Number.POSITIVE_INFINITY);
  const max = new Float64Array(f).fill(Number.NEGATIVE_INFINITY);
  for (let s = 0; s < data.length; s++) {
    for (let k = 0; k < f; k++) {
      const v = valueAt(data, s * f + k);
      if (v < min[k]) min[k] = v;
      if (v > max[k]) max[k] = v;
    }
  }
  const scale = new Float64Array(f);
  for (let k = 0; k < f; k++) {
    if (data.length === 0) min[k] = 0;
    const range = max[k] - min[k];
    scale[k] = range > 0 ? 1 / range : 1;
  }
  return { offset: min, scale };
}

/** Standardisation per feature: mean 0, standard deviation 1; a constant feature maps to 0. */
export function standardStats(data: ClassificationData): FeatureStats {
  const f = data.features;
  const n = data.length;
  const mean = new Float64Array(f);
  const scale = new Float64Array(f);
  for (let s = 0; s < n; s++) for (let k = 0; k < f; k++) mean[k] += valueAt(data, s * f + k);
  for (let k = 0; k < f; k++) mean[k] = n > 0 ? mean[k] / n : 0;
  // Two passes (mean, then squared deviations): exact enough and no cancellation.
  for (let s = 0; s < n; s++) {
    for (let k = 0; k < f; k++) scale[k] += (valueAt(data, s * f + k) - mean[k]) ** 2;
  }
  for (let k = 0; k < f; k++) {
    const std = n > 0 ? Math.sqrt(scale[k] / n) : 0;
    scale[k] = std > 0 ? 1 / std : 1;
  }
  return { offset: mean, scale };
}

/**
 * A copy of `data` with x′ = (x − offset) · scale per feature, stored as floats
 * (float64 by default; "float32" halves the memory).
 */
export function normalize(
  data: ClassificationData,
  stats: FeatureStats,
  dtype: DType = "float64",
): ClassificationData {
  const f = data.features;
  if (stats.offset.length !== f || stats.scale.length !== f) {
    throw new RangeError(
      `normalize: stats for ${stats.offset.length} features, but the data has ${f}; compute the stats on data with the same features`,
    );
  }
  const out =
    dtype === "float32"
      ? new Float32Array(data.inputs.length)
      : new Float64Array(data.inputs.length);
  for (let s = 0; s < data.length; s++) {
    for (let k = 0; k < f; k++) {
      const i = s * f + k;
      out[i] = (valueAt(data, i) - stats.offset[k]) * stats.scale[k];
    }
  }
  return data.with(out, data.labels);
}
