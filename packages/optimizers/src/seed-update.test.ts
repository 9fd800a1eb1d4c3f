import { describe, expect, it } from "vitest";
import {
  seedBatch,
  seedCases,
  seedNetwork,
  worstRelativeError,
} from "../../network/test/seed-fixtures";
import { updateMiniBatch } from "./update-mini-batch";

// After the seed's network.py ran update_mini_batch(mini_batch, eta) on the same weights
// (packages/network/test/fixtures), every weight and bias must agree to a relative 1e-12.
describe("updateMiniBatch equals the seed's update_mini_batch", () => {
  it.each(seedCases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const network = seedNetwork(c);
    const { x, y } = seedBatch(c);
    updateMiniBatch(network, x, y, c.eta);
    for (let l = 0; l < network.weights.length; l++) {
      expect(worstRelativeError(network.weights[l], c.after_update.weights[l], 1e-3)).toBeLessThan(
        1e-12,
      );
      expect(worstRelativeError(network.biases[l], c.after_update.biases[l], 1e-3)).toBeLessThan(
        1e-12,
      );
    }
    // And the update really moved the weights (the comparison is not with the start).
    const moved = network.weights.some((w, l) => worstRelativeError(w, c.weights[l]) > 1e-12);
    expect(moved).toBe(true);
  });
});
