import { ClassificationData } from "@backprop/datasets";
import { Matrix } from "@backprop/linalg";
import { Network } from "@backprop/network";
import { describe, expect, it } from "vitest";
import { evaluateData } from "./evaluate-data";

/** A 2-input, 2-class network that predicts class 0 when x₀ > x₁ (identity weights). */
function comparer(): Network {
  const network = new Network({ sizes: [2, 2], seed: 1 });
  network.weights[0].copyFrom(
    Matrix.fromArrays([
      [1, 0],
      [0, 1],
    ]),
  );
  network.biases[0].fill(0);
  return network;
}

const data = new ClassificationData({
  inputs: Float64Array.from([3, 0, 0, 3, 1, 2, 5, 1, 0, 4]),
  labels: Uint8Array.from([0, 1, 0, 0, 1]),
  features: 2,
  classes: 2,
});

describe("evaluation", () => {
  it("counts argmax matches and averages the cost, as the seed's evaluate and network2's total_cost", () => {
    const result = evaluateData(comparer(), data);
    expect(result).toMatchObject({ correct: 4, total: 5, accuracy: 0.8 });
    const outputs = comparer().feedforward(
      Matrix.fromArrays([
        [3, 0, 1, 5, 0],
        [0, 3, 2, 1, 4],
      ]),
    );
    const targets = Matrix.fromArrays([
      [1, 0, 1, 1, 0],
      [0, 1, 0, 0, 1],
    ]);
    expect(result.cost).toBeCloseTo(comparer().cost.fn(outputs, targets) / 5, 15);
  });

  it("counts the confusion matrix [true][predicted] in the same pass, when asked", () => {
    expect(evaluateData(comparer(), data).confusion).toBeUndefined();
    expect(evaluateData(comparer(), data, 0, { confusion: true }).confusion).toEqual([
      [2, 1],
      [0, 2],
    ]);
  });
});
