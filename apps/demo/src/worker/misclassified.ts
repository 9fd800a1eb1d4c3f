/**
 * The test digits the network gets wrong: a feedforward of the whole test set in chunks of
 * columns (x: 784 × m, one sample per column), the answer being the largest output.
 */
import type { ClassificationData } from "@backprop/datasets";
import { Matrix } from "@backprop/linalg";
import type { Network } from "@backprop/network";
import type { MissedDigit } from "../protocol";

const CHUNK = 500;

export interface Misclassified {
  wrong: number;
  total: number;
  items: MissedDigit[];
}

export function findMisclassified(
  network: Network,
  test: ClassificationData,
  limit: number,
): Misclassified {
  const n = test.features;
  const items: MissedDigit[] = [];
  let wrong = 0;
  const bytes = test.inputs instanceof Uint8Array;
  for (let start = 0; start < test.length; start += CHUNK) {
    const m = Math.min(CHUNK, test.length - start);
    const x = Matrix.zeros(n, m);
    for (let s = 0; s < m; s++) {
      for (let i = 0; i < n; i++) {
        const v = test.inputs[(start + s) * n + i];
        x.data[i * m + s] = bytes ? v / 255 : v;
      }
    }
    const out = network.feedforward(x);
    for (let s = 0; s < m; s++) {
      let answer = 0;
      for (let c = 1; c < out.rows; c++)
        if (out.data[c * m + s] > out.data[answer * m + s]) answer = c;
      const index = start + s;
      const label = test.labels[index];
      if (answer === label) continue;
      wrong++;
      if (items.length < limit) {
        const image = new Uint8Array(n);
        for (let i = 0; i < n; i++) image[i] = Math.round(255 * x.data[i * m + s]);
        items.push({ index, label, answer, image });
      }
    }
  }
  return { wrong, total: test.length, items };
}
