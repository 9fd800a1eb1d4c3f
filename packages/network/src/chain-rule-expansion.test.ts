import { Matrix } from "@backprop/linalg";
import { describe, expect, it } from "vitest";
import {
  backpropMultiplications,
  expandChainRule,
  expansionMultiplications,
} from "./chain-rule-expansion";
import { Network } from "./network";

describe("expanding the chain rule without a memo", () => {
  it.each([[[3, 4, 2]], [[4, 5, 3, 2]], [[3, 4, 4, 4, 2]]])(
    "gives backprop's gradient for %j, at a cost its formula predicts",
    (sizes) => {
      const network = new Network({
        sizes,
        activation: "tanh",
        outputActivation: "sigmoid",
        seed: 1,
      });
      const x = Matrix.column(Array.from({ length: sizes[0] }, (_, i) => Math.sin(i + 1)));
      const y = Matrix.column(Array.from({ length: sizes.at(-1)! }, (_, i) => (i === 0 ? 1 : 0)));
      const { gradients, multiplications } = expandChainRule(network, x, y);
      const reference = network.backprop(x, y);
      for (let l = 0; l < sizes.length - 1; l++) {
        for (let i = 0; i < reference.nablaW[l].data.length; i++) {
          expect(gradients.nablaW[l].data[i]).toBeCloseTo(reference.nablaW[l].data[i], 14);
        }
        for (let i = 0; i < reference.nablaB[l].data.length; i++) {
          expect(gradients.nablaB[l].data[i]).toBeCloseTo(reference.nablaB[l].data[i], 14);
        }
      }
      expect(multiplications).toBe(expansionMultiplications(sizes));
    },
  );

  it("grows with depth while backprop grows linearly", () => {
    expect(backpropMultiplications([784, 30, 10])).toBe(784 * 30 + 30 * 10 + 10 * 30 + 30);
    const shallow = expansionMultiplications([10, 10, 10]) / backpropMultiplications([10, 10, 10]);
    const deep =
      expansionMultiplications([10, 10, 10, 10, 10, 10]) /
      backpropMultiplications([10, 10, 10, 10, 10, 10]);
    expect(deep).toBeGreaterThan(100 * shallow);
  });
});
