import { logLikelihood, relu, softmax, tanh } from "@backprop/activations";
import { add, Matrix, Rng } from "@backprop/linalg";
import { describe, expect, it } from "vitest";
import { backpropBatch } from "./backprop";
import { createBackpropWorkspace } from "./backprop-workspace";
import { Network } from "./network";

function columns(m: Matrix): Matrix[] {
  return Array.from({ length: m.cols }, (_, j) =>
    Matrix.column(Array.from({ length: m.rows }, (_, i) => m.get(i, j))),
  );
}

function maxAbsDiff(a: Matrix, b: Matrix): number {
  let worst = 0;
  for (let i = 0; i < a.data.length; i++) worst = Math.max(worst, Math.abs(a.data[i] - b.data[i]));
  return worst;
}

describe("batched backprop", () => {
  const network = new Network({
    sizes: [6, 7, 5, 4],
    activation: tanh,
    outputActivation: softmax,
    cost: logLikelihood,
    init: "xavier",
    seed: 5,
  });
  const rng = new Rng(8);
  const m = 9;
  const x = new Matrix(6, m, rng.fillNormal(new Float64Array(6 * m)));
  const y = Matrix.zeros(4, m);
  for (let j = 0; j < m; j++) y.set(rng.integer(4), j, 1);

  it("equals the sum of per-sample backprop", () => {
    const batched = backpropBatch(network, x, y);
    const sum = network.zeroGradients();
    const ys = columns(y);
    columns(x).forEach((xj, j) => {
      const g = network.backprop(xj, ys[j]);
      for (const [l, b] of g.nablaB.entries()) sum.nablaB[l].copyFrom(add(sum.nablaB[l], b));
      for (const [l, w] of g.nablaW.entries()) sum.nablaW[l].copyFrom(add(sum.nablaW[l], w));
    });
    for (let l = 0; l < 3; l++) {
      expect(maxAbsDiff(batched.nablaB[l], sum.nablaB[l])).toBeLessThan(1e-13);
      expect(maxAbsDiff(batched.nablaW[l], sum.nablaW[l])).toBeLessThan(1e-13);
    }
  });

  it("reuses a workspace: the same result twice, into the same gradient objects", () => {
    const workspace = createBackpropWorkspace(network, x.cols);
    const first = backpropBatch(network, x, y, workspace);
    const snapshot = first.nablaW.map((w) => w.clone());
    const second = backpropBatch(network, x, y, workspace);
    expect(second).toBe(workspace.gradients);
    for (const [l, w] of second.nablaW.entries()) {
      expect(Array.from(w.data)).toEqual(Array.from(snapshot[l].data));
    }
  });

  it("rejects a batch of the wrong shape, naming both shapes", () => {
    expect(() => backpropBatch(network, Matrix.zeros(5, 2), Matrix.zeros(4, 2))).toThrow(
      /input is 5×2 but this network takes 6 inputs/,
    );
    expect(() => backpropBatch(network, Matrix.zeros(6, 2), Matrix.zeros(4, 3))).toThrow(
      /target is 4×3 .* 4 outputs and the input has 2 samples/,
    );
  });
});

describe("trace: the dynamic programme's table for one sample", () => {
  it("holds every z, a and δ with the right shapes, and δ obeys BP2", () => {
    const network = new Network({ sizes: [3, 4, 2], activation: relu, seed: 2 });
    const x = Matrix.column([0.5, -1, 2]);
    const y = Matrix.column([0, 1]);
    const t = network.trace(x, y);
    expect(t.zs.map((z) => [z.rows, z.cols])).toEqual([
      [4, 1],
      [2, 1],
    ]);
    expect(t.activations.map((a) => a.rows)).toEqual([3, 4, 2]);
    expect(t.activations[0]).toBe(x);
    expect(t.deltas.map((d) => d.rows)).toEqual([4, 2]);
    // BP2 by hand: δ⁰ = (w¹ᵀ δ¹) ⊙ relu′(z⁰)
    for (let j = 0; j < 4; j++) {
      let back = 0;
      for (let i = 0; i < 2; i++) back += network.weights[1].get(i, j) * t.deltas[1].get(i, 0);
      expect(t.deltas[0].get(j, 0)).toBeCloseTo(back * (t.zs[0].get(j, 0) > 0 ? 1 : 0), 14);
    }
    expect(t.nablaB[1].toArrays()).toEqual(t.deltas[1].toArrays()); // BP3
    expect(t.nablaW[0].get(2, 1)).toBeCloseTo(t.deltas[0].get(2, 0) * x.get(1, 0), 14); // BP4
    expect(() => network.trace(Matrix.zeros(3, 2), Matrix.zeros(2, 2))).toThrow(/one sample/);
  });
});
