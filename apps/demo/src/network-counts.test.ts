import { describe, expect, it } from "vitest";
import { countChainRule } from "./chain-rule-count";
import { countNetwork, deeperNetworks, forwardMultiplications } from "./network-counts";

describe("countNetwork: the article's argument on the page's 784-30-10", () => {
  it("gives the issue's numbers: forward 23,820, backprop 24,150, expansion 282,870", () => {
    const c = countNetwork([784, 30, 10]);
    expect(c.forward).toBe(23_820);
    expect(c.backprop).toBe(24_150);
    expect(c.expansion).toBe(282_870);
    expect(c.backprop / c.forward).toBeCloseTo(1.01, 2);
    expect(c.expansion / c.backprop).toBeCloseTo(11.7, 1);
  });

  it("one more hidden layer of 30 makes the expansion 329× backprop, two more 9,211×", () => {
    const [, one, two, three] = deeperNetworks([784, 30, 10]).map(countNetwork);
    expect(one.sizes).toEqual([784, 30, 30, 10]);
    expect(Math.round(one.expansion / one.backprop)).toBe(329);
    expect(Math.round(two.expansion / two.backprop)).toBe(9_211);
    expect(three.sizes).toEqual([784, 30, 30, 30, 30, 10]);
    // Backprop stays about one forward pass at every depth.
    for (const c of [one, two, three]) expect(c.backprop / c.forward).toBeLessThan(1.2);
  });

  it("agrees with a real run of both methods on a small network", () => {
    const run = countChainRule(4, 3);
    const byFormula = countNetwork(run.sizes);
    expect(byFormula.expansion).toBe(run.expansion);
    expect(byFormula.backprop).toBe(run.backprop);
    expect(forwardMultiplications([2, 3, 4])).toBe(2 * 3 + 3 * 4);
  });

  it("deepens a network without hidden layers at its output width", () => {
    expect(deeperNetworks([2, 3], 2)).toEqual([
      [2, 3],
      [2, 3, 3],
      [2, 3, 3, 3],
    ]);
  });
});
