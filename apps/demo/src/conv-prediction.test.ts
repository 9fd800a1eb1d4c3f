import { Matrix, Rng } from "@backprop/linalg";
import { describe, expect, it } from "vitest";
import { CONV, convPredictionOf, convSnapshotOf, makeConvNet } from "./conv-net";

/** A 28×28 "digit" as the draw panel sends it: 784 values in [0, 1], a bar and some noise. */
function drawing(seed: number): Float64Array {
  const rng = new Rng(seed);
  const input = new Float64Array(784);
  rng.fillUniform(input);
  for (let i = 0; i < 784; i++) input[i] *= input[i] > 0.7 ? 1 : 0;
  for (let r = 6; r < 22; r++) for (let c = 10; c < 14; c++) input[r * 28 + c] = 1;
  return input;
}

describe("convPredictionOf: the worker's answer to predictDrawing", () => {
  const network = makeConvNet(5);
  const input = drawing(11);
  // The worker receives the 784 inputs as a Float64Array and makes a column of them.
  const prediction = convPredictionOf(network, Matrix.column(input));

  it("answers what LayerNetwork.feedforward answers, bit for bit", () => {
    const expected = network.feedforward(Matrix.column(input)).data;
    expect([...prediction.output]).toEqual([...expected]);
    expect(prediction.output.length).toBe(CONV.classes);
    const sum = prediction.output.reduce((a, b) => a + b, 0);
    expect(Math.abs(sum - 1)).toBeLessThan(1e-12); // softmax: probabilities
  });

  it("its maps are the conv and pool layers' own forward, as the live snapshot's are", () => {
    const snapshot = convSnapshotOf(network, Matrix.column(input), 0);
    expect([...prediction.maps]).toEqual([...snapshot.maps]);
    expect([...prediction.pooled]).toEqual([...snapshot.pooled]);
    expect(prediction.maps.length).toBe(CONV.filters * CONV.mapSide * CONV.mapSide);
    expect(prediction.pooled.length).toBe(CONV.filters * CONV.pooledSide * CONV.pooledSide);
    expect([...prediction.input]).toEqual([...input]);
  });

  it("returns copies: a later forward (another drawing, training) does not change them", () => {
    const before = Float64Array.from(prediction.maps);
    const output = Float64Array.from(prediction.output);
    convPredictionOf(network, Matrix.column(drawing(12)));
    network.feedforward(Matrix.column(drawing(13)));
    expect([...prediction.maps]).toEqual([...before]);
    expect([...prediction.output]).toEqual([...output]);
  });

  it("follows the network's weights: a changed net gives a changed answer", () => {
    const trained = makeConvNet(5);
    const dense = trained.layers[3].parameters[0];
    for (let i = 0; i < dense.data.length; i++) dense.data[i] *= -1;
    const after = convPredictionOf(trained, Matrix.column(input));
    expect([...after.output]).not.toEqual([...prediction.output]);
    expect([...after.output]).toEqual([...trained.feedforward(Matrix.column(input)).data]);
  });

  it("rejects an input that is not 784 values", () => {
    expect(() => convPredictionOf(network, Matrix.column(new Float64Array(100)))).toThrow();
  });
});
