/** One test sample as the networks take it, for the traces and the conv net's pictures. */
import { fillSample } from "@backprop/datasets";
import { Matrix } from "@backprop/linalg";
import type { DataSets } from "./load-data";

/** Test sample `index` (clamped) as x (features × 1) and one-hot y (classes × 1). */
export function testSample(data: DataSets, index: number): { i: number; x: Matrix; y: Matrix } {
  const test = data.test;
  const i = Math.max(0, Math.min(test.length - 1, Math.floor(index)));
  const x = Matrix.zeros(test.features, 1);
  const y = Matrix.zeros(test.classes, 1);
  fillSample(test, i, x, y);
  return { i, x, y };
}
