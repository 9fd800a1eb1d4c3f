import { Matrix } from "@backprop/linalg";
import { backpropMultiplications, expansionMultiplications, Network } from "@backprop/network";
import { describe, expect, it } from "vitest";
import { countBackwardPass, countChainRule } from "./chain-rule-count";

describe("countChainRule", () => {
  it.each([
    [2, 1],
    [3, 3],
    [4, 2],
  ])("width %i, %i hidden layers: both counts match the library's formulas", (width, depth) => {
    const count = countChainRule(width, depth);
    expect(count.expansion).toBe(expansionMultiplications(count.sizes));
    expect(count.backprop).toBe(backpropMultiplications(count.sizes));
    expect(count.maxDifference).toBeLessThan(1e-12);
  });

  it("the expansion grows exponentially with depth, backprop linearly", () => {
    const shallow = countChainRule(4, 1);
    const deep = countChainRule(4, 4);
    expect(deep.expansion / shallow.expansion).toBeGreaterThan(50);
    expect(deep.backprop / shallow.backprop).toBeLessThan(5);
  });

  it("counts a non-square network's backward pass", () => {
    const network = new Network({ sizes: [5, 3, 2], seed: 1 });
    const trace = network.trace(Matrix.column([1, 2, 3, 4, 5]), Matrix.column([0, 1]));
    expect(countBackwardPass(network, trace)).toBe(backpropMultiplications([5, 3, 2]));
  });
});
