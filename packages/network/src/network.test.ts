import { getActivation, relu, sigmoid, softmax } from "@backprop/activations";
import { Matrix } from "@backprop/linalg";
import { describe, expect, it } from "vitest";
import { NetworkShapeError } from "./errors";
import { Network } from "./network";

describe("Network", () => {
  it("is built from sizes as in the seed: sigmoid, quadratic, N(0, 1), shapes (n_out × n_in)", () => {
    const net = new Network([784, 30, 10]);
    expect(net.weights.map((w) => [w.rows, w.cols])).toEqual([
      [30, 784],
      [10, 30],
    ]);
    expect(net.biases.map((b) => [b.rows, b.cols])).toEqual([
      [30, 1],
      [10, 1],
    ]);
    expect(net.activations).toEqual([sigmoid, sigmoid]);
    expect(net.cost.name).toBe("quadratic");
    expect(net.parameterCount()).toBe(784 * 30 + 30 + 30 * 10 + 10);
    const w = Array.from(net.weights[0].data);
    const mean = w.reduce((s, v) => s + v, 0) / w.length;
    const variance = w.reduce((s, v) => s + (v - mean) ** 2, 0) / w.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });

  it("scales the initial weights as each initialiser says", () => {
    const std = (init: "scaled" | "xavier" | "he") => {
      const w = Array.from(new Network({ sizes: [400, 100, 10], init, seed: 1 }).weights[0].data);
      return Math.sqrt(w.reduce((s, v) => s + v * v, 0) / w.length);
    };
    expect(std("scaled")).toBeCloseTo(1 / 20, 2);
    expect(std("xavier")).toBeCloseTo(Math.sqrt(2 / 500), 2);
    expect(std("he")).toBeCloseTo(Math.sqrt(2 / 400), 2);
    expect(Array.from(new Network({ sizes: [3, 2], init: "he" }).biases[0].data)).toEqual([0, 0]);
  });

  it("gives the same weights for the same seed, different ones otherwise", () => {
    const a = new Network({ sizes: [5, 4, 2], seed: 7 });
    const b = new Network({ sizes: [5, 4, 2], seed: 7 });
    const c = new Network({ sizes: [5, 4, 2], seed: 8 });
    expect(a.weights[0].toArrays()).toEqual(b.weights[0].toArrays());
    expect(a.weights[0].toArrays()).not.toEqual(c.weights[0].toArrays());
  });

  it("takes per-layer activations by object or registered name", () => {
    const net = new Network({ sizes: [2, 3, 3, 2], activations: ["relu", "tanh", softmax] });
    expect(net.activations.map((a) => a.name)).toEqual(["relu", "tanh", "softmax"]);
    const two = new Network({ sizes: [2, 3, 2], activation: relu, outputActivation: "softmax" });
    expect(two.activations).toEqual([relu, getActivation("softmax")]);
  });

  it("feeds forward one sample or a batch, and a batch equals its columns", () => {
    const net = new Network({ sizes: [3, 4, 2], seed: 3 });
    const batch = Matrix.fromArrays([
      [1, 0],
      [0.5, -1],
      [2, 3],
    ]);
    const out = net.feedforward(batch);
    const first = net.feedforward(Matrix.column([1, 0.5, 2]));
    expect([out.rows, out.cols]).toEqual([2, 2]);
    expect(out.get(0, 0)).toBe(first.get(0, 0));
    expect(out.get(1, 0)).toBe(first.get(1, 0));
  });

  it("evaluate counts argmax matches and totalCost adds network2's L2 term", () => {
    const net = new Network({ sizes: [2, 2], seed: 1 });
    net.weights[0].copyFrom(
      Matrix.fromArrays([
        [1, 0],
        [0, 1],
      ]),
    );
    net.biases[0].fill(0);
    const x = Matrix.fromArrays([
      [3, 0, 1],
      [0, 3, 2],
    ]);
    expect(net.evaluate(x, [0, 1, 0])).toBe(2);
    const y = Matrix.fromArrays([
      [1, 0, 1],
      [0, 1, 0],
    ]);
    const plain = net.totalCost(x, y);
    expect(net.totalCost(x, y, 3)).toBeCloseTo(plain + 0.5 * (3 / 3) * 2, 14);
    expect(() => net.evaluate(x, [0, 1])).toThrow(/3 samples but 2 labels/);
  });

  it("rejects bad sizes, unknown names and inputs of the wrong size with typed errors", () => {
    expect(() => new Network([784])).toThrow(NetworkShapeError);
    expect(() => new Network([784, 0, 10])).toThrow(/sizes\[1\] must be a positive integer, got 0/);
    expect(() => new Network({ sizes: [2, 2], activation: "swishy" })).toThrow(
      /unknown activation "swishy"/,
    );
    expect(() => new Network({ sizes: [2, 2], init: "zeros" as never })).toThrow(
      /init must be one of/,
    );
    expect(() => new Network([3, 2]).feedforward(Matrix.zeros(2, 1))).toThrow(
      /input is 2×1 but this network takes 3 inputs per sample/,
    );
  });

  it("computes in float32 when asked, in every matrix", () => {
    const net = new Network({ sizes: [3, 2], dtype: "float32", seed: 1 });
    expect(net.weights[0].dtype).toBe("float32");
    expect(net.feedforward(Matrix.zeros(3, 1, "float32")).dtype).toBe("float32");
    expect(net.clone().weights[0].toArrays()).toEqual(net.weights[0].toArrays());
  });
});
