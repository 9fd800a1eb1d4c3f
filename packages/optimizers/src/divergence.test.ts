import { defineCost, quadratic, scalarActivation, sigmoidScalar } from "@backprop/activations";
import { ClassificationData } from "@backprop/datasets";
import { Matrix } from "@backprop/linalg";
import { Network } from "@backprop/network";
import { describe, expect, it } from "vitest";
import { threeBlobs } from "../test/three-blobs";
import { DivergenceError } from "./errors";
import { train } from "./train";
import type { TrainOptions } from "./training-types";
import { updateMiniBatch } from "./update-mini-batch";

const { training, test } = threeBlobs();

/** `data` with input `feature` of sample `sample` replaced by `value`. */
function poisoned(data: ClassificationData, sample: number, feature: number, value: number) {
  const inputs = Float64Array.from(data.inputs);
  inputs[sample * data.features + feature] = value;
  return new ClassificationData({ ...data, inputs, labels: data.labels });
}

/** The DivergenceError training throws (the test fails if it throws nothing or something else). */
function divergenceOf(
  network: Network,
  options: Partial<TrainOptions>,
  data = training,
): DivergenceError {
  try {
    train(network, data, { epochs: 2, batchSize: 10, eta: 0.5, ...options });
  } catch (error) {
    if (error instanceof DivergenceError) return error;
    throw error;
  }
  throw new Error("training did not diverge");
}

describe("the divergence error says what went NaN or ±∞ first", () => {
  it("NaN in the training data: names the sample and input, and does not blame η", () => {
    const error = divergenceOf(
      new Network({ sizes: [2, 8, 3], seed: 1 }),
      {},
      poisoned(training, 123, 1, Number.NaN),
    );
    expect(error).toMatchObject({ source: "data", parameter: "inputs[1]", sample: 123 });
    expect(error.setting).toBeUndefined();
    expect(error.message).toMatch(/sample 123 of the training data has inputs\[1\] = NaN/);
    expect(error.message).toMatch(/not η/);
    expect(error.message).not.toMatch(/try η/);
  });

  it("NaN in the test data: found when the test cost is evaluated, with the test sample's index", () => {
    const error = divergenceOf(new Network({ sizes: [2, 8, 3], seed: 1 }), {
      test: poisoned(test, 7, 0, Number.NaN),
    });
    expect(error).toMatchObject({ source: "data", parameter: "inputs[0]", sample: 7, epoch: 0 });
    expect(error.message).toMatch(/sample 7 of the test data has inputs\[0\] = NaN/);
  });

  it("λ = 1e300: the weight decay grows the weights, and λ is named, not η", () => {
    const error = divergenceOf(new Network({ sizes: [2, 8, 3], seed: 1 }), { lambda: 1e300 });
    expect(error).toMatchObject({ source: "weights", setting: "lambda", epoch: 0 });
    expect(error.parameter).toMatch(/^(weights|biases)\[\d\]$/);
    expect(error.message).toMatch(
      /weight decay is at fault, not η: each step multiplies the weights by 1 − ηλ\/n = -/,
    );
    expect(error.message).toMatch(/choose λ below 960/); // 2n/η with n = 240, η = 0.5
    expect(error.message).not.toMatch(/try η/);
  });

  it("a user's activation that returns NaN: names it, its layer and the z it failed on", () => {
    const brokenSwish = scalarActivation({
      name: "brokenSwish",
      fn: (x) => (x > 3 ? Number.NaN : x * sigmoidScalar(x)),
      derivative: (x) => sigmoidScalar(x) * (1 + x * (1 - sigmoidScalar(x))),
    });
    const network = new Network({
      sizes: [2, 8, 3],
      activation: brokenSwish,
      outputActivation: "sigmoid",
      seed: 1,
    });
    const error = divergenceOf(network, {});
    expect(error).toMatchObject({
      source: "activation",
      parameter: "activations[0]",
      culprit: "brokenSwish",
      userDefined: true,
      epoch: 0,
      batch: 1,
    });
    expect(error.message).toMatch(
      /the activation "brokenSwish" of layer 1 \(activations\[0\], user-defined\) returned NaN for z = [\d.]+ \(unit \d, sample \d+ of the training data\)/,
    );
    expect(error.message).not.toMatch(/try η/);
  });

  it("a user's activation whose derivative returns NaN: caught in BP2", () => {
    const brokenSlope = scalarActivation({
      name: "brokenSlope",
      fn: Math.tanh,
      derivative: (x) => (x > 3 ? Number.NaN : 1 - Math.tanh(x) ** 2),
    });
    const network = new Network({
      sizes: [2, 8, 3],
      activation: brokenSlope,
      outputActivation: "sigmoid",
      seed: 1,
    });
    const error = divergenceOf(network, {});
    expect(error).toMatchObject({
      source: "activation",
      culprit: "brokenSlope",
      userDefined: true,
    });
    expect(error.message).toMatch(
      /the derivative of the activation "brokenSlope" of layer 1 .* gave δ = NaN in BP2/,
    );
  });

  it("a user's cost whose δᴸ is NaN: names the cost", () => {
    const brokenCost = defineCost({
      name: "brokenCost",
      fn: quadratic.fn,
      derivative(a, y, out) {
        for (let i = 0; i < a.data.length; i++)
          out.data[i] = a.data[i] > 0.9 ? Number.NaN : a.data[i] - y.data[i];
      },
    });
    const network = new Network({ sizes: [2, 8, 3], cost: brokenCost, seed: 1 });
    const error = divergenceOf(network, { eta: 3 });
    expect(error).toMatchObject({
      source: "cost",
      parameter: "the output error δᴸ",
      culprit: "brokenCost",
      userDefined: true,
    });
    expect(error.message).toMatch(
      /the output error δᴸ \(BP1\) of the cost "brokenCost" \(user-defined\)/,
    );
  });

  it("a built-in cost on outputs it cannot take (cross-entropy of tanh): the test cost, at a sample", () => {
    const network = new Network({
      sizes: [2, 4, 3],
      activation: "tanh",
      cost: "crossEntropy",
      seed: 1,
    });
    const error = divergenceOf(network, { eta: 0.1, test });
    expect(error).toMatchObject({
      source: "cost",
      parameter: "the test cost",
      culprit: "crossEntropy",
      userDefined: false,
    });
    expect(error.message).toMatch(
      /the test cost became NaN or ±Infinity although every weight is finite: the cost "crossEntropy" gives NaN for the outputs of "tanh" at sample \d+ of the test data \(a = /,
    );
  });

  it("λ so large that the test cost's L2 term overflows, with finite weights: λ is named", () => {
    const network = new Network({ sizes: [2, 60, 3], seed: 1 });
    expect(network.sumOfSquaredWeights()).toBeGreaterThan(200); // ½(λ/60)·Σ‖w‖² > MAX_VALUE
    const error = divergenceOf(network, { lambda: Number.MAX_VALUE, eta: 1e-310, test });
    expect(error).toMatchObject({ source: "cost", setting: "lambda", parameter: "the test cost" });
    expect(error.message).toMatch(/its L2 term ½\(λ\/n\)Σ‖w‖² overflowed .* λ is too large/);
  });

  it("η far too large (the weights grow until they overflow): η is blamed, with a smaller one to try", () => {
    const network = new Network({
      sizes: [2, 8, 3],
      activation: "identity",
      outputActivation: "identity",
      seed: 1,
    });
    const error = divergenceOf(network, { eta: 1e3 });
    expect(error).toMatchObject({ source: "weights", setting: "eta", epoch: 0 });
    expect(error.parameter).toMatch(/^(weights|biases)\[\d\]$/);
    expect(error.message).toMatch(
      /(weights|biases)\[\d\] became NaN or ±Infinity \(.*\)\. The learning rate η = 1000 is probably too large; try η = 100\./,
    );
  });

  it("updateMiniBatch alone reports the diagnosis too, naming the batch column", () => {
    const network = new Network({ sizes: [2, 3, 2], seed: 1 });
    const x = Matrix.fromArrays([
      [0.1, 0.2, Number.POSITIVE_INFINITY],
      [0.3, 0.4, 0.5],
    ]);
    const y = Matrix.fromArrays([
      [1, 0, 1],
      [0, 1, 0],
    ]);
    const result = updateMiniBatch(network, x, y, 1);
    expect(result.finite).toBe(false);
    expect(result.divergence).toMatchObject({ source: "data", parameter: "inputs[0]", sample: 2 });
    expect(result.divergence?.detail).toBe("column 2 of the mini-batch has inputs[0] = Infinity");
    const clean = updateMiniBatch(
      new Network({ sizes: [2, 3, 2], seed: 1 }),
      x.clone().fill(0.5),
      y,
      1,
    );
    expect(clean).toMatchObject({ finite: true });
    expect(clean.divergence).toBeUndefined();
  });
});
