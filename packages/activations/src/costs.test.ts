import { Matrix, Rng } from "@backprop/linalg";
import { describe, expect, it } from "vitest";
import type { Activation } from "./activation";
import { identity } from "./activations/identity";
import { sigmoid } from "./activations/sigmoid";
import { softmax } from "./activations/softmax";
import { tanh } from "./activations/tanh";
import type { Cost } from "./cost";
import { chainRuleDelta, defineCost } from "./cost";
import { crossEntropy } from "./costs/cross-entropy";
import { logLikelihood } from "./costs/log-likelihood";
import { quadratic } from "./costs/quadratic";

const rng = new Rng(17);

/** A batch of 3 samples with 4 outputs: z random, a = σ(z), y one-hot. */
function batch(activation: Activation) {
  const z = new Matrix(4, 3, rng.fillNormal(new Float64Array(12)));
  const a = Matrix.zeros(4, 3);
  activation.fn(z, a);
  const y = Matrix.fromArrays([
    [1, 0, 0],
    [0, 0, 1],
    [0, 1, 0],
    [0, 0, 0],
  ]);
  return { z, a, y };
}

/** ∂C/∂zₖ by central differences of C(σ(z), y), one element at a time. */
function numericDelta(cost: Cost, activation: Activation, z: Matrix, y: Matrix): Matrix {
  const out = Matrix.zeros(z.rows, z.cols);
  const a = Matrix.zeros(z.rows, z.cols);
  const costAt = (zz: Matrix) => {
    activation.fn(zz, a);
    return cost.fn(a, y);
  };
  for (let k = 0; k < z.data.length; k++) {
    const h = 1e-6;
    const shifted = z.clone();
    shifted.data[k] += h;
    const up = costAt(shifted);
    shifted.data[k] -= 2 * h;
    out.data[k] = (up - costAt(shifted)) / (2 * h);
  }
  return out;
}

function maxDiff(x: Matrix, y: Matrix): number {
  let worst = 0;
  for (let i = 0; i < x.data.length; i++) worst = Math.max(worst, Math.abs(x.data[i] - y.data[i]));
  return worst;
}

const pairs: [Cost, Activation][] = [
  [quadratic, sigmoid],
  [quadratic, tanh],
  [quadratic, identity],
  [quadratic, softmax],
  [crossEntropy, sigmoid],
  [crossEntropy, softmax],
  [logLikelihood, softmax],
  [logLikelihood, sigmoid],
];

describe("costs", () => {
  it.each(pairs.map(([c, a]) => [c.name, a.name, c, a] as const))(
    "%s with %s: BP1's δᴸ equals central differences of the cost",
    (_c, _a, cost, activation) => {
      const { z, a, y } = batch(activation);
      const delta = Matrix.zeros(4, 3);
      cost.delta(z, a, y, activation, delta, Matrix.zeros(4, 3));
      expect(maxDiff(delta, numericDelta(cost, activation, z, y))).toBeLessThan(1e-7);
    },
  );

  it("the shortcuts equal the general chain rule (cross-entropy·sigmoid, log-likelihood·softmax)", () => {
    for (const [cost, activation] of [
      [crossEntropy, sigmoid],
      [logLikelihood, softmax],
    ] as const) {
      const { z, a, y } = batch(activation);
      const shortcut = Matrix.zeros(4, 3);
      cost.delta(z, a, y, activation, shortcut, Matrix.zeros(4, 3));
      const general = Matrix.zeros(4, 3);
      chainRuleDelta(cost, z, a, y, activation, general, Matrix.zeros(4, 3));
      expect(maxDiff(shortcut, general)).toBeLessThan(1e-12);
    }
  });

  it("quadratic is the seed's: C = ½‖a − y‖², δᴸ = (a − y) ⊙ σ′(z)", () => {
    const z = Matrix.column([0.5, -1]);
    const a = Matrix.zeros(2, 1);
    sigmoid.fn(z, a);
    const y = Matrix.column([1, 0]);
    const s = a.data;
    expect(quadratic.fn(a, y)).toBeCloseTo(0.5 * ((s[0] - 1) ** 2 + s[1] ** 2), 15);
    const delta = Matrix.zeros(2, 1);
    quadratic.delta(z, a, y, sigmoid, delta, Matrix.zeros(2, 1));
    expect(delta.data[0]).toBe((s[0] - 1) * (s[0] * (1 - s[0])));
    expect(delta.data[1]).toBe(s[1] * (s[1] * (1 - s[1])));
  });

  it("cross-entropy treats 0·ln 0 as 0, like network2's nan_to_num", () => {
    expect(crossEntropy.fn(Matrix.column([1, 0]), Matrix.column([1, 0]))).toBe(0);
    expect(Number.isFinite(crossEntropy.fn(Matrix.column([0]), Matrix.column([1])))).toBe(true);
    expect(logLikelihood.fn(Matrix.column([0.25, 0.75]), Matrix.column([0, 1]))).toBeCloseTo(
      -Math.log(0.75),
      15,
    );
  });

  it("defineCost without a delta uses the chain rule through the activation", () => {
    const absolute = defineCost({
      name: "halfSquaredAgain",
      fn: quadratic.fn,
      derivative: quadratic.derivative,
    });
    const { z, a, y } = batch(tanh);
    const mine = Matrix.zeros(4, 3);
    absolute.delta(z, a, y, tanh, mine, Matrix.zeros(4, 3));
    const reference = Matrix.zeros(4, 3);
    quadratic.delta(z, a, y, tanh, reference, Matrix.zeros(4, 3));
    expect(maxDiff(mine, reference)).toBe(0);
    expect(() => defineCost({ name: "bad" } as never)).toThrow(/fn must be a function/);
  });
});
