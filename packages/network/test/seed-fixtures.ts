import { readFileSync } from "node:fs";
import { Matrix } from "@backprop/linalg";
import { Network } from "../src/index";

/** One case of seed-network.json, written by running the seed's network.py (see fixtures/README.md). */
export interface SeedCase {
  name: string;
  sizes: number[];
  eta: number;
  weights: number[][][];
  biases: number[][][];
  mini_batch: { x: number[]; y: number[] }[];
  feedforward: number[][];
  backprop: { nabla_b: number[][][]; nabla_w: number[][][] }[];
  after_update: { weights: number[][][]; biases: number[][][] };
}

export const seedCases: SeedCase[] = JSON.parse(
  readFileSync(new URL("./fixtures/seed-network.json", import.meta.url), "utf8"),
).cases;

/** The seed's network (sigmoid, quadratic cost) with the case's initial weights and biases. */
export function seedNetwork(c: SeedCase): Network {
  const network = new Network(c.sizes);
  for (let l = 0; l < c.sizes.length - 1; l++) {
    network.weights[l].copyFrom(Matrix.fromArrays(c.weights[l]));
    network.biases[l].copyFrom(Matrix.fromArrays(c.biases[l]));
  }
  return network;
}

/** The mini-batch as one matrix pair, one sample per column. */
export function seedBatch(c: SeedCase): { x: Matrix; y: Matrix } {
  const m = c.mini_batch.length;
  const x = Matrix.zeros(c.sizes[0], m);
  const y = Matrix.zeros(c.sizes[c.sizes.length - 1], m);
  for (const [j, sample] of c.mini_batch.entries()) {
    for (const [i, v] of sample.x.entries()) x.set(i, j, v);
    for (const [i, v] of sample.y.entries()) y.set(i, j, v);
  }
  return { x, y };
}

/**
 * Largest |actual − expected| / (|expected| + 1e-300 … scaled): relative error per element,
 * with an absolute floor of `floor` for values that are (nearly) zero, as saturated sigmoids give.
 */
export function worstRelativeError(actual: Matrix, expected: number[][], floor = 1e-300): number {
  const e = Matrix.fromArrays(expected);
  if (e.rows !== actual.rows || e.cols !== actual.cols) return Number.POSITIVE_INFINITY;
  let worst = 0;
  for (let i = 0; i < e.data.length; i++) {
    const diff = Math.abs(actual.data[i] - e.data[i]);
    worst = Math.max(worst, diff / Math.max(Math.abs(e.data[i]), floor));
  }
  return worst;
}
