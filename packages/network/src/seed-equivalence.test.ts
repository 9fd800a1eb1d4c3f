import { Matrix } from "@backprop/linalg";
import { describe, expect, it } from "vitest";
import { seedBatch, seedCases, seedNetwork, worstRelativeError } from "../test/seed-fixtures";
import { backpropBatch } from "./backprop";

// Numbers from running the seed's own network.py (test/fixtures/generate-seed-fixtures.py).
// Tolerance: relative 1e-12, with an absolute floor of 1e-15 on entries that are tiny
// because a sigmoid saturated (there, relative differences of two roundings are meaningless).
const RELATIVE = 1e-12;
const FLOOR = 1e-15 / RELATIVE;

describe("the TypeScript network equals the seed's network.py", () => {
  it("has all the fixture cases", () => {
    expect(seedCases.map((c) => c.name)).toEqual([
      "tiny-2-3-1",
      "single-sample-3-4-2",
      "two-hidden-4-5-3-2",
      "deep-5-8-8-8-3",
      "mnist-784-30-10",
      "saturated-2-2-2",
    ]);
  });

  describe.each(seedCases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const network = seedNetwork(c);

    it("feedforward gives the seed's outputs", () => {
      c.mini_batch.forEach((sample, j) => {
        const out = network.feedforward(Matrix.column(sample.x));
        expect(
          worstRelativeError(
            out,
            c.feedforward[j].map((v) => [v]),
            FLOOR,
          ),
        ).toBeLessThan(RELATIVE);
      });
    });

    it("backprop(x, y) gives the seed's nabla_b and nabla_w for every sample", () => {
      c.mini_batch.forEach((sample, j) => {
        const { nablaB, nablaW } = network.backprop(
          Matrix.column(sample.x),
          Matrix.column(sample.y),
        );
        for (let l = 0; l < nablaB.length; l++) {
          expect(worstRelativeError(nablaB[l], c.backprop[j].nabla_b[l], FLOOR)).toBeLessThan(
            RELATIVE,
          );
          expect(worstRelativeError(nablaW[l], c.backprop[j].nabla_w[l], FLOOR)).toBeLessThan(
            RELATIVE,
          );
        }
      });
    });

    it("batched backprop gives the sum of the seed's per-sample gradients", () => {
      const { x, y } = seedBatch(c);
      const grads = backpropBatch(network, x, y);
      for (let l = 0; l < grads.nablaB.length; l++) {
        const sumB = c.backprop[0].nabla_b[l].map((row, i) =>
          row.map((_, k) => c.backprop.reduce((s, b) => s + b.nabla_b[l][i][k], 0)),
        );
        const sumW = c.backprop[0].nabla_w[l].map((row, i) =>
          row.map((_, k) => c.backprop.reduce((s, b) => s + b.nabla_w[l][i][k], 0)),
        );
        // Summation order differs from the seed's loop, so allow a few roundings more.
        expect(worstRelativeError(grads.nablaB[l], sumB, FLOOR * 10)).toBeLessThan(RELATIVE * 10);
        expect(worstRelativeError(grads.nablaW[l], sumW, FLOOR * 10)).toBeLessThan(RELATIVE * 10);
      }
    });
  });
});
