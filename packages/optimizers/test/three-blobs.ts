import { type ClassificationData, makeBlobs, splitData } from "@backprop/datasets";
import { Rng } from "@backprop/linalg";

/** Three seeded Gaussian blobs (300 points), split 240 / 60: an easy set a sound run learns. */
export function threeBlobs(): { training: ClassificationData; test: ClassificationData } {
  const blobs = makeBlobs({
    centers: [
      [-2, -2],
      [2, 2],
      [-2, 2],
    ],
    samples: 300,
    noise: 0.5,
    rng: new Rng(1),
  });
  return splitData(blobs, { test: 60, rng: new Rng(2) }) as {
    training: ClassificationData;
    test: ClassificationData;
  };
}
