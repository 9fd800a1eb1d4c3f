import type { Rng } from "@backprop/linalg";
import type { ClassificationData } from "./classification-data";
import { generate, type SyntheticOptions } from "./synthetic";

export interface BlobsOptions extends SyntheticOptions {
  /**
   * A count of centres, drawn uniformly in [−10, 10) per feature, or the centres
   * themselves (one coordinate list per class, all the same length). Default 3.
   */
  readonly centers?: number | readonly (readonly number[])[];
  /** Features per sample when `centers` is a count; default 2. */
  readonly features?: number;
}

/**
 * Isotropic Gaussian blobs, one per class: centre + N(0, noise²) per feature
 * (noise defaults to 1, as scikit-learn's cluster_std).
 */
export function makeBlobs(options: BlobsOptions): ClassificationData {
  const { centers: given = 3, features: dims = 2 } = options;
  const centers = typeof given === "number" ? randomCenters(given, dims, options.rng) : given;
  const features = centers[0]?.length ?? 0;
  if (centers.length < 1 || features < 1 || centers.some((c) => c.length !== features)) {
    throw new RangeError(
      `makeBlobs: centers must be one or more coordinate lists of one non-zero length, got ${JSON.stringify(given)}`,
    );
  }
  return generate(
    "makeBlobs",
    options,
    { samples: 300, noise: 1 },
    { features, classes: centers.length },
    (label, out) => {
      out.set(centers[label]);
    },
  );
}

function randomCenters(count: number, features: number, rng: Rng): number[][] {
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(features) || features < 1) {
    throw new RangeError(
      `makeBlobs: centers and features must be integers ≥ 1, got ${count} and ${features}`,
    );
  }
  return Array.from({ length: count }, () =>
    Array.from({ length: features }, () => -10 + 20 * rng.uniform()),
  );
}
