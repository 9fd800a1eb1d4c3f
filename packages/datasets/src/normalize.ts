import type { DType } from "@backprop/linalg";
import type { ClassificationData } from "./classification-data";

/**
 * A per-feature affine map x′ = (x − offset[f]) · scale[f], applied to the values the
 * network sees (bytes already divided by 255). Compute it on the training set and apply
 * the same stats to validation and test, so no information leaks from them.
 */
export interface FeatureStats {
  /** Per feature, subtracted first: the mean (standardStats) or the minimum (minMaxStats). */
  readonly offset: Float64Array;
  /** Per feature, multiplied after: 1/std or 1/(max − min); 1 for a constant feature. */
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
    // A range past the largest double (−1e308 to 1e308) is taken in halves: 1/range = 0.5/(range/2).
    scale[k] = range > 0 ? (range < Infinity ? 1 / range : 0.5 / (max[k] / 2 - min[k] / 2)) : 1;
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
    if (!Number.isFinite(mean[k]) || !Number.isFinite(scale[k])) {
      [mean[k], scale[k]] = hugeFeatureStats(data, k); // only for values near ±1e154 and beyond
      continue;
    }
    const std = n > 0 ? Math.sqrt(scale[k] / n) : 0;
    scale[k] = std > 0 ? 1 / std : 1;
  }
  return { offset: mean, scale };
}

/**
 * Mean and 1/std of feature k when the plain sums overflow (a sum or a square past 1.8e308):
 * the mean as Σ x/n, the deviations halved and divided by the largest one before squaring.
 * Slower and a little less exact, so only used when the plain way gives Infinity.
 */
function hugeFeatureStats(data: ClassificationData, k: number): [number, number] {
  const f = data.features;
  const n = data.length;
  let mean = 0;
  for (let s = 0; s < n; s++) mean += valueAt(data, s * f + k) / n;
  let largest = 0;
  for (let s = 0; s < n; s++) {
    largest = Math.max(largest, Math.abs(valueAt(data, s * f + k) / 2 - mean / 2));
  }
  if (largest === 0) return [mean, 1];
  let sum = 0;
  for (let s = 0; s < n; s++) sum += ((valueAt(data, s * f + k) / 2 - mean / 2) / largest) ** 2;
  const halfStd = largest * Math.sqrt(sum / n);
  return [mean, 0.5 / halfStd];
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
      const x = valueAt(data, i);
      const shifted = x - stats.offset[k];
      // Past the largest double, shift in halves (exact scaling by 2, so no other value changes).
      out[i] =
        shifted === Infinity || shifted === -Infinity
          ? (x / 2 - stats.offset[k] / 2) * stats.scale[k] * 2
          : shifted * stats.scale[k];
    }
  }
  return data.with(out, data.labels);
}
