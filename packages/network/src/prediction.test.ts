import { argmaxColumns, Matrix, Rng } from "@backprop/linalg";
import { describe, expect, it } from "vitest";
import { NetworkShapeError } from "./errors";
import { Network } from "./network";

// m random samples as an n×m matrix (one per column) and as m arrays.
function samples(n: number, m: number, seed: number): { batch: Matrix; columns: number[][] } {
  const batch = Matrix.zeros(n, m);
  new Rng(seed).fillNormal(batch.data);
  const columns = Array.from({ length: m }, (_, j) =>
    Array.from({ length: n }, (_, i) => batch.data[i * m + j]),
  );
  return { batch, columns };
}

// The oracle: feedforward of one n×1 column, then argmax by hand (first on ties).
function expected(net: Network, column: number[]): { label: number; outputs: number[] } {
  const a = Array.from(net.feedforward(Matrix.column(column)).data);
  return { label: a.indexOf(Math.max(...a)), outputs: a };
}

describe("Network.predict", () => {
  it("gives one sample's argmax label and its output activations, as feedforward does", () => {
    const net = new Network({ sizes: [4, 5, 3], seed: 2 });
    const { columns } = samples(4, 6, 1);
    for (const column of columns) {
      const want = expected(net, column);
      for (const input of [column, Float64Array.from(column), Float32Array.from(column)]) {
        const p = net.predict(input);
        expect(p.outputs).toBeInstanceOf(Float64Array);
        expect(p.label).toBe(want.label);
        // Float32Array input rounds the sample; the float64 network still computes in float64.
        const tolerance = input instanceof Float32Array ? 6 : 15;
        for (let i = 0; i < 3; i++) expect(p.outputs[i]).toBeCloseTo(want.outputs[i], tolerance);
      }
    }
  });

  it("gives one prediction per column of a batch, equal to predicting each column alone", () => {
    const net = new Network({ sizes: [4, 6, 5], outputActivation: "softmax", seed: 5 });
    const { batch, columns } = samples(4, 7, 3);
    const predictions = net.predict(batch);
    expect(predictions).toHaveLength(7);
    expect(predictions.map((p) => p.label)).toEqual(
      Array.from(argmaxColumns(net.feedforward(batch))),
    );
    for (const [j, p] of predictions.entries()) {
      const alone = net.predict(columns[j]);
      expect(p.label).toBe(alone.label);
      for (let i = 0; i < 5; i++) expect(p.outputs[i]).toBeCloseTo(alone.outputs[i], 14);
    }
    expect(net.predict(Matrix.column(columns[0]))).toHaveLength(1);
    expect(net.predict(Matrix.zeros(4, 0))).toEqual([]);
  });

  it("returns softmax outputs as probabilities and sigmoid outputs as they are", () => {
    const x = [0.3, -1, 2];
    const soft = new Network({ sizes: [3, 4], outputActivation: "softmax", seed: 1 }).predict(x);
    expect(soft.outputs.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 14);
    const sig = new Network({ sizes: [3, 4], seed: 1 });
    const p = sig.predict(x);
    expect(Array.from(p.outputs)).toEqual(Array.from(sig.feedforward(Matrix.column(x)).data));
    expect(p.outputs.every((v) => v > 0 && v < 1)).toBe(true);
  });

  it("works on a float32 network and hands back float64 outputs", () => {
    const net = new Network({ sizes: [3, 4, 2], dtype: "float32", seed: 4 });
    const x = [1, 0.5, -0.25];
    const p = net.predict(x);
    expect(p.outputs).toBeInstanceOf(Float64Array);
    expect(Array.from(p.outputs)).toEqual(
      Array.from(net.feedforward(Matrix.column(x, "float32")).data),
    );
  });

  it("throws a NetworkShapeError naming both sizes for a sample of the wrong length", () => {
    const net = new Network([784, 30, 10]);
    expect(() => net.predict(new Float64Array(783))).toThrow(NetworkShapeError);
    expect(() => net.predict(new Float64Array(783))).toThrow(
      "predict: the sample has 783 numbers but this network takes 784 inputs per sample: pass 784 numbers, or a 784×m matrix with one sample per column",
    );
    expect(() => net.predict(Matrix.zeros(783, 2))).toThrow(/783×2 .* 784 inputs per sample/);
  });
});
