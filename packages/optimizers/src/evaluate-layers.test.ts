import { ClassificationData } from "@backprop/datasets";
import { argmaxColumns, Matrix, Rng } from "@backprop/linalg";
import { conv2d, dense, dropout, flatten, LayerNetwork, maxPool, Network } from "@backprop/network";
import { describe, expect, it } from "vitest";
import { evaluateData } from "./evaluate-data";
import { evaluateLayers } from "./evaluate-layers";

/** evaluate-data.test's comparer as one dense layer: class 0 when x₀ > x₁ (identity weights). */
function comparer(extra: "none" | "dropout" = "none"): LayerNetwork {
  const layer = dense({ inputs: 2, outputs: 2, activation: "sigmoid", rng: new Rng(1) });
  layer.parameters[0].copyFrom(
    Matrix.fromArrays([
      [1, 0],
      [0, 1],
    ]),
  );
  layer.parameters[1].fill(0);
  const shape = layer.outputShape;
  // An inverted dropout is the identity at test: the same predictions from a last layer
  // that keeps no `a` (evaluateLayers then reads the output by a second pass).
  const tail =
    extra === "dropout"
      ? [dropout({ inputShape: shape, rate: 0.5, mode: "inverted", rng: new Rng(2) })]
      : [];
  return new LayerNetwork({ layers: [layer, ...tail] });
}

const data = new ClassificationData({
  inputs: Float64Array.from([3, 0, 0, 3, 1, 2, 5, 1, 0, 4]),
  labels: Uint8Array.from([0, 1, 0, 0, 1]),
  features: 2,
  classes: 2,
});

/** 230 random 1×6×6 samples of 3 classes: seven chunks of 32 and a short one of 6. */
function randomImages(): ClassificationData {
  const rng = new Rng(5);
  const inputs = rng.fillNormal(new Float64Array(230 * 36));
  const labels = Uint8Array.from({ length: 230 }, () => rng.integer(3));
  return new ClassificationData({ inputs, labels, features: 36, classes: 3, sampleShape: [6, 6] });
}

function convNet(): LayerNetwork {
  const rng = new Rng(7);
  const conv = conv2d({
    inputShape: { channels: 1, height: 6, width: 6 },
    filters: 3,
    kernelSize: 3,
    activation: "sigmoid",
    rng,
  });
  const pool = maxPool({ inputShape: conv.outputShape, size: 2 });
  const flat = flatten({ inputShape: pool.outputShape });
  const out = dense({ inputs: flat.outputShape.channels, outputs: 3, activation: "softmax", rng });
  return new LayerNetwork({ layers: [conv, pool, flat, out], cost: "logLikelihood" });
}

describe("evaluateLayers' confusion matrix", () => {
  it("is absent unless asked for, and counts [true][predicted] as evaluateData does", () => {
    expect(evaluateLayers(comparer(), data).confusion).toBeUndefined();
    const seed = new Network({ sizes: [2, 2], seed: 1 });
    seed.weights[0].copyFrom(comparer().layers[0].parameters[0]);
    seed.biases[0].fill(0);
    const expected = evaluateData(seed, data, 0, { confusion: true });
    const result = evaluateLayers(comparer(), data, 0, { confusion: true });
    expect(result.confusion).toEqual([
      [2, 1],
      [0, 2],
    ]);
    expect(result).toMatchObject({ correct: expected.correct, total: 5 });
    expect(result.cost).toBeCloseTo(expected.cost, 14);
  });

  it("reads the output by a second pass when the last layer keeps no `a`", () => {
    const result = evaluateLayers(comparer("dropout"), data, 0, { confusion: true });
    expect(result.confusion).toEqual([
      [2, 1],
      [0, 2],
    ]);
    expect(result.correct).toBe(4);
  });

  it("over several chunks of 100: each sample counted once, in its true row and predicted column", () => {
    const images = randomImages();
    const network = convNet();
    const result = evaluateLayers(network, images, 0, { confusion: true });
    // The oracle: one forward pass over the whole set, argmax per column.
    const x = Matrix.zeros(36, images.length);
    for (let s = 0; s < images.length; s++)
      for (let i = 0; i < 36; i++) x.data[i * images.length + s] = images.inputs[s * 36 + i];
    const predicted = argmaxColumns(network.feedforward(x));
    const expected = [0, 1, 2].map(() => [0, 0, 0]);
    for (let s = 0; s < images.length; s++) expected[images.labels[s]][predicted[s]]++;
    expect(result.confusion).toEqual(expected);
    const diagonal = expected.reduce((sum, row, i) => sum + row[i], 0);
    expect(result.correct).toBe(diagonal);
    expect(result.total).toBe(230);
    expect(evaluateLayers(network, images)).toEqual({ ...result, confusion: undefined });
  });

  it("an empty set gives a matrix of zeros of the network's classes", () => {
    const empty = randomImages().slice(0, 0);
    expect(evaluateLayers(convNet(), empty, 0, { confusion: true })).toEqual({
      correct: 0,
      total: 0,
      accuracy: 0,
      cost: 0,
      confusion: [
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
      ],
    });
  });
});
