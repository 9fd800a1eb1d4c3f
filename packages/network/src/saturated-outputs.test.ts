import type { Activation, Cost } from "@backprop/activations";
import {
  crossEntropy,
  logLikelihood,
  scalarActivation,
  sigmoid,
  softmax,
  tanh,
} from "@backprop/activations";
import { type DType, Matrix, Rng } from "@backprop/linalg";
import { describe, expect, it } from "vitest";
import { backpropBatch } from "./backprop";
import { Network } from "./network";

/** softplus(x) = ln(1 + eˣ), the float64 reference. */
const softplus = (x: number) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));

/** A 1-input network whose output z is exactly `zs` for x = 1 (weights = zs, biases 0). */
function fixedOutputs(zs: number[], cost: Cost, output: Activation, dtype: DType = "float64") {
  const network = new Network({ sizes: [1, zs.length], outputActivation: output, cost, dtype });
  network.weights[0].data.set(zs);
  network.biases[0].fill(0);
  return network;
}

describe("network costs are computed from z, so saturated outputs give finite, exact costs", () => {
  it("cross-entropy, two confidently wrong sigmoid outputs: totalCost = Σ softplus(z), not ∞", () => {
    for (const [dtype, z] of [
      ["float64", 50],
      ["float32", 20],
    ] as const) {
      const network = fixedOutputs([z, -z], crossEntropy, sigmoid, dtype);
      const x = Matrix.column([1], dtype);
      expect(network.feedforward(x).data[0]).toBe(1); // a has saturated
      const cost = network.totalCost(x, Matrix.column([0, 1], dtype));
      expect(cost).toBeCloseTo(2 * softplus(z), dtype === "float32" ? 5 : 12);
    }
  });

  it("log-likelihood, a label 1000 below the leader: totalCost = 1000 (softmax's a is 0 there)", () => {
    const network = fixedOutputs([500, -500, 0], logLikelihood, softmax);
    expect(network.totalCost(Matrix.column([1]), Matrix.column([0, 1, 0]))).toBe(1000);
  });

  it("forwardPass keeps every layer and ends in feedforward's output, bit for bit", () => {
    const network = new Network({ sizes: [3, 4, 2], seed: 5 });
    const x = Matrix.fromArrays([
      [0.1, -2],
      [1, 0.5],
      [3, 0],
    ]);
    const { zs, activations } = network.forwardPass(x);
    expect(zs.map((z) => `${z.rows}×${z.cols}`)).toEqual(["4×2", "2×2"]);
    expect(Array.from(activations[1].data)).toEqual(Array.from(network.feedforward(x).data));
    const a1 = Matrix.zeros(4, 2);
    network.activations[0].fn(zs[0], a1);
    expect(Array.from(activations[0].data)).toEqual(Array.from(a1.data));
  });
});

/**
 * The worst |analytic − numeric| / max(1, |analytic|) over every parameter, with the
 * five-point central difference of m·totalCost. An absolute measure: where outputs saturate
 * the cost is large (≈ 60 per wrong sample), and the difference's rounding noise (≈ 1e-10)
 * would swamp a relative comparison of the many tiny gradients.
 */
function worstGradientError(network: Network, x: Matrix, y: Matrix): number {
  const h = 1e-4;
  const grads = backpropBatch(network, x, y);
  const cost = () => network.totalCost(x, y) * x.cols;
  let worst = 0;
  const params = [...network.weights, ...network.biases];
  const analytic = [...grads.nablaW, ...grads.nablaB];
  for (const [k, p] of params.entries()) {
    for (let i = 0; i < p.data.length; i++) {
      const saved = p.data[i];
      const at = (offset: number) => {
        p.data[i] = saved + offset;
        return cost();
      };
      const numeric = (8 * (at(h) - at(-h)) - (at(2 * h) - at(-2 * h))) / (12 * h);
      p.data[i] = saved;
      const a = analytic[k].data[i];
      worst = Math.max(worst, Math.abs(a - numeric) / Math.max(1, Math.abs(a)));
    }
  }
  return worst;
}

describe("backprop against finite differences of the cost where the outputs saturate (|z| ≈ 60)", () => {
  const cases: [Cost, Activation][] = [
    [crossEntropy, sigmoid],
    [crossEntropy, softmax],
    [logLikelihood, softmax],
    [logLikelihood, sigmoid],
  ];
  it.each(cases.map(([c, a]) => [c.name, a.name, c, a] as const))(
    "%s on %s: δ finite and |error| below 1e-6",
    (_c, _a, cost, output) => {
      const network = new Network({
        sizes: [3, 5, 4],
        activation: tanh,
        outputActivation: output,
        cost,
        init: "scaled",
        seed: 7,
      });
      // zᴸ ≈ (60, 0, −60, 5) + (small): outputs saturate (softmax's lead is ≈ 55), and the
      // labels (one per column, on each row in turn) are confidently wrong or right.
      network.biases[1].data.set([60, 0, -60, 5]);
      const x = new Matrix(3, 4, new Rng(11).fillNormal(new Float64Array(12)));
      const y = Matrix.zeros(4, 4);
      for (let j = 0; j < 4; j++) y.set(j, j, 1);
      const trace = network.trace(
        Matrix.column([x.get(0, 2), x.get(1, 2), x.get(2, 2)]),
        Matrix.column([0, 0, 1, 0]),
      );
      expect(trace.activations[2].data.some((v) => v === 0 || v === 1)).toBe(true); // saturated
      expect(trace.deltas.every((d) => d.data.every(Number.isFinite))).toBe(true);
      expect(worstGradientError(network, x, y)).toBeLessThan(1e-6);
    },
  );
});

describe("isUserDefined", () => {
  it("tells the package's activations and costs from a user's, by identity", () => {
    const mine = scalarActivation({ name: "sigmoid", fn: (x) => x, derivative: () => 1 });
    const network = new Network({ sizes: [2, 3, 2], activation: mine, outputActivation: softmax });
    expect(network.isUserDefined(0)).toBe(true);
    expect(network.isUserDefined(1)).toBe(false);
    expect(network.isUserDefined("cost")).toBe(false);
  });
});
