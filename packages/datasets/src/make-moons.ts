import { cos, sin } from "@backprop/linalg";
import type { ClassificationData } from "./classification-data";
import { generate, type SyntheticOptions } from "./synthetic";

/**
 * Two interleaving half circles (as scikit-learn's make_moons): class 0 on
 * (cos t, sin t), class 1 on (1 − cos t, 0.5 − sin t), t uniform in [0, π].
 * Not linearly separable; a small hidden layer separates them.
 */
export function makeMoons(options: SyntheticOptions): ClassificationData {
  const { rng } = options;
  return generate(
    "makeMoons",
    options,
    { samples: 200, noise: 0.1 },
    { features: 2, classes: 2 },
    (label, out) => {
      const t = Math.PI * rng.uniform();
      out[0] = label === 0 ? cos(t) : 1 - cos(t);
      out[1] = label === 0 ? sin(t) : 0.5 - sin(t);
    },
  );
}
