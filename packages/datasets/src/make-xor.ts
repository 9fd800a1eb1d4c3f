import type { ClassificationData } from "./classification-data";
import { generate, type SyntheticOptions } from "./synthetic";

/** The two corners of each class: a XOR b = 0 at (0,0) and (1,1), 1 at (1,0) and (0,1). */
const CORNERS = [
  [
    [0, 0],
    [1, 1],
  ],
  [
    [1, 0],
    [0, 1],
  ],
];

/**
 * XOR: points at the corners (a, b) of the unit square, class a XOR b. Each class
 * alternates between its two corners, so the order runs (0,0)→0, (1,0)→1, (1,1)→0,
 * (0,1)→1, … and the default (4 samples, no noise) is exactly the truth table: the
 * smallest problem a network without a hidden layer cannot learn.
 */
export function makeXor(options: SyntheticOptions): ClassificationData {
  const seen = [0, 0];
  return generate(
    "makeXor",
    options,
    { samples: 4, noise: 0 },
    { features: 2, classes: 2 },
    (label, out) => {
      out.set(CORNERS[label][seen[label]++ % 2]);
    },
  );
}
