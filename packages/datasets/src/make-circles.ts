import { cos, sin } from "@backprop/linalg";
import type { ClassificationData } from "./classification-data";
import { generate, type SyntheticOptions } from "./synthetic";

export interface CirclesOptions extends SyntheticOptions {
  /** Radius of the inner circle (class 1) relative to the outer one (class 0, radius 1); default 0.5. */
  readonly factor?: number;
}

/** Two concentric circles: class 0 at radius 1, class 1 at radius `factor`, angles uniform. */
export function makeCircles(options: CirclesOptions): ClassificationData {
  const { rng, factor = 0.5 } = options;
  if (!(factor > 0 && factor < 1)) {
    throw new RangeError(`makeCircles: factor must be in (0, 1), got ${factor}`);
  }
  return generate(
    "makeCircles",
    options,
    { samples: 200, noise: 0.05 },
    { features: 2, classes: 2 },
    (label, out) => {
      const angle = 2 * Math.PI * rng.uniform();
      const radius = label === 0 ? 1 : factor;
      out[0] = radius * cos(angle);
      out[1] = radius * sin(angle);
    },
  );
}
