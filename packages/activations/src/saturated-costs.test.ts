import { type DType, Matrix } from "@backprop/linalg";
import { describe, expect, it } from "vitest";
import { type Activation, scalarActivation } from "./activation";
import { leakyRelu, relu } from "./activations/relu";
import { sigmoid } from "./activations/sigmoid";
import { softmax } from "./activations/softmax";
import { tanh } from "./activations/tanh";
import { isBuiltInActivation, isBuiltInCost } from "./built-ins";
import { type Cost, chainRuleDelta, defineCost } from "./cost";
import { crossEntropy } from "./costs/cross-entropy";
import { logLikelihood } from "./costs/log-likelihood";
import { quadratic } from "./costs/quadratic";

/** A user's sigmoid written the naive way: σ(−800) = 1/(1 + ∞) = 0 and σ′ = 0 where it saturates. */
const naiveSigmoid = scalarActivation({
  name: "naiveSigmoid",
  fn: (x) => 1 / (1 + Math.exp(-x)),
  derivative: (x) => {
    const s = 1 / (1 + Math.exp(-x));
    return s * (1 - s);
  },
});

/** Reference: softplus(x) = ln(1 + eˣ) without overflow, written independently of the package. */
const softplus = (x: number) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));

/** 4 outputs × 4 samples: a logit leading by `big` in a column, wrong and right labels, and mild ones. */
function saturated(big: number, dtype: DType = "float64") {
  const z = Matrix.fromArrays(
    [
      [big, -big, 0.5, big],
      [-big, big, -1, 0],
      [0, 0, 2, -big],
      [1, -big, 0, 3],
    ],
    dtype,
  );
  const y = Matrix.fromArrays(
    [
      [0, 1, 0, 1],
      [1, 0, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 0],
    ],
    dtype,
  );
  return { z, y };
}

function outputs(activation: Activation, z: Matrix): Matrix {
  const a = Matrix.zeros(z.rows, z.cols, z.dtype);
  activation.fn(z, a);
  return a;
}

function deltaOf(cost: Cost, activation: Activation, z: Matrix, y: Matrix): Matrix {
  const out = Matrix.zeros(z.rows, z.cols, z.dtype);
  cost.delta(z, outputs(activation, z), y, activation, out, Matrix.zeros(z.rows, z.cols, z.dtype));
  return out;
}

/** ∂C/∂zₖ by central differences of the cost as callers compute it (from z where given), in float64. */
function numericDelta(cost: Cost, activation: Activation, z: Matrix, y: Matrix): Matrix {
  const out = Matrix.zeros(z.rows, z.cols);
  const at = (zz: Matrix) => cost.fn(outputs(activation, zz), y, zz, activation);
  for (let k = 0; k < z.data.length; k++) {
    const h = 1e-5 * Math.max(1, Math.abs(z.data[k]));
    const shifted = Matrix.fromFlat(z.rows, z.cols, z.data);
    shifted.data[k] += h;
    const up = at(shifted);
    shifted.data[k] -= 2 * h;
    out.data[k] = (up - at(shifted)) / (2 * h);
  }
  return out;
}

function worstError(x: Matrix, reference: Matrix): number {
  let worst = 0;
  for (let i = 0; i < x.data.length; i++) {
    const scale = Math.max(1, Math.abs(reference.data[i]));
    worst = Math.max(worst, Math.abs(x.data[i] - reference.data[i]) / scale);
  }
  return Number.isNaN(worst) ? Number.POSITIVE_INFINITY : worst;
}

const allFinite = (m: Matrix) => m.data.every(Number.isFinite);

const builtInPairs: [Cost, Activation][] = [
  [crossEntropy, sigmoid],
  [crossEntropy, softmax],
  [logLikelihood, softmax],
  [logLikelihood, sigmoid],
  [quadratic, sigmoid],
];
const pairs: [Cost, Activation][] = [
  ...builtInPairs,
  [crossEntropy, naiveSigmoid],
  [logLikelihood, naiveSigmoid],
];

describe("costs from z: finite and accurate where the output saturates", () => {
  it("cross-entropy on sigmoid is Σ softplus(z) − y·z (float64 direct formula), ≈ |z| when confidently wrong", () => {
    for (const big of [5, 40, 800]) {
      const { z, y } = saturated(big);
      let reference = 0;
      for (let k = 0; k < z.data.length; k++)
        reference += softplus(z.data[k]) - y.data[k] * z.data[k];
      const value = crossEntropy.fn(outputs(sigmoid, z), y, z, sigmoid);
      expect(value).toBeCloseTo(reference, 9);
    }
    // one unit, confidently wrong: C = softplus(40) = 40 + ln(1 + e⁻⁴⁰); a rounds to 1
    const z = Matrix.column([40]);
    expect(outputs(sigmoid, z).data[0]).toBe(1);
    expect(crossEntropy.fn(outputs(sigmoid, z), Matrix.column([0]), z, sigmoid)).toBe(40);
  });

  it("cross-entropy on sigmoid from z equals the a-form where a is not saturated", () => {
    const { z, y } = saturated(3);
    const a = outputs(sigmoid, z);
    expect(crossEntropy.fn(a, y, z, sigmoid)).toBeCloseTo(crossEntropy.fn(a, y), 13);
  });

  it("log-likelihood on softmax is −Σ y·log-softmax(z): 1600 for a label 1600 below the leader", () => {
    const z = Matrix.column([800, -800, 0]);
    const y = Matrix.column([0, 1, 0]);
    expect(outputs(softmax, z).data[1]).toBe(0); // the a-form would be −ln 0
    expect(logLikelihood.fn(outputs(softmax, z), y, z, softmax)).toBe(1600);
    const mild = saturated(2);
    const a = outputs(softmax, mild.z);
    expect(logLikelihood.fn(a, mild.y, mild.z, softmax)).toBeCloseTo(
      logLikelihood.fn(a, mild.y),
      13,
    );
  });

  it("cross-entropy on softmax: two outputs z = (t, 0), y = (0, 1) cost 2·softplus(t)", () => {
    for (const t of [3, 40, 800]) {
      const z = Matrix.column([t, 0]);
      const value = crossEntropy.fn(outputs(softmax, z), Matrix.column([0, 1]), z, softmax);
      expect(value).toBeCloseTo(2 * softplus(t), 9);
    }
  });

  it("log-likelihood on sigmoid is Σ y·softplus(−z)", () => {
    const { z, y } = saturated(800);
    let reference = 0;
    for (let k = 0; k < z.data.length; k++) reference += y.data[k] * softplus(-z.data[k]);
    expect(logLikelihood.fn(outputs(sigmoid, z), y, z, sigmoid)).toBeCloseTo(reference, 9);
  });

  it("float32 (σ(20) rounds to 1): the cost from z is the float64 one, not ∞", () => {
    const z32 = Matrix.column([20, -20], "float32");
    const y = Matrix.column([0, 1], "float32");
    const a32 = outputs(sigmoid, z32);
    expect(Array.from(a32.data)).toEqual([1, Math.fround(2.0611536e-9)]);
    expect(crossEntropy.fn(a32, y, z32, sigmoid)).toBeCloseTo(2 * softplus(20), 6);
  });

  it("from a alone, saturated wrong outputs count ≈ 744 each and never sum to ∞", () => {
    const lnSmallest = Math.log(Number.MIN_VALUE);
    expect(crossEntropy.fn(Matrix.column([1, 0]), Matrix.column([0, 1]))).toBe(-2 * lnSmallest);
    expect(logLikelihood.fn(Matrix.column([0, 1]), Matrix.column([1, 0]))).toBe(-lnSmallest);
    expect(crossEntropy.fn(Matrix.column([1, 1, 1]), Matrix.column([0, 0, 0]))).toBeLessThan(2300);
    // outputs outside [0, 1] still show as NaN (e.g. a tanh output layer)
    expect(crossEntropy.fn(Matrix.column([-0.5]), Matrix.column([1]))).toBeNaN();
  });

  it("a user's cost written as fn(a, y) is called as before and ignores z", () => {
    const mine = defineCost({
      name: "halfSquaredMine",
      fn: (a: Matrix, y: Matrix) => quadratic.fn(a, y),
      derivative: quadratic.derivative,
    });
    const { z, y } = saturated(2);
    expect(mine.fn(outputs(sigmoid, z), y, z, sigmoid)).toBe(quadratic.fn(outputs(sigmoid, z), y));
  });
});

describe("δᴸ is finite at every finite z, and is the derivative of the cost", () => {
  it.each(pairs.map(([c, a]) => [c.name, a.name, c, a] as const))(
    "%s with %s: z = ±40 and ±800 in float64 match central differences",
    (_c, _a, cost, activation) => {
      for (const big of [40, 800]) {
        const { z, y } = saturated(big);
        const delta = deltaOf(cost, activation, z, y);
        expect(allFinite(delta)).toBe(true);
        expect(worstError(delta, numericDelta(cost, activation, z, y))).toBeLessThan(1e-6);
      }
    },
  );

  it.each(builtInPairs.map(([c, a]) => [c.name, a.name, c, a] as const))(
    "%s with %s: z = ±20 and ±100 in float32 give the float64 δ to float32 precision",
    (_c, _a, cost, activation) => {
      for (const big of [20, 100]) {
        const single = saturated(big, "float32");
        const delta = deltaOf(cost, activation, single.z, single.y);
        expect(allFinite(delta)).toBe(true);
        const double = saturated(big);
        expect(worstError(delta, deltaOf(cost, activation, double.z, double.y))).toBeLessThan(1e-6);
      }
    },
  );

  it.each([crossEntropy, logLikelihood].map((c) => [c.name, c] as const))(
    "%s with a user's sigmoid in float32 (σ(20) rounds to 1, σ′(20) does not): finite, right sign, at most the float64 size",
    (_c, cost) => {
      for (const big of [20, 100]) {
        const single = saturated(big, "float32");
        const delta = deltaOf(cost, naiveSigmoid, single.z, single.y);
        expect(allFinite(delta)).toBe(true);
        const double = saturated(big);
        const reference = deltaOf(cost, naiveSigmoid, double.z, double.y);
        for (let k = 0; k < delta.data.length; k++) {
          const [d, r] = [delta.data[k], reference.data[k]];
          expect(Math.abs(d)).toBeLessThanOrEqual(Math.abs(r) * (1 + 1e-6) + 1e-6);
          if (Math.abs(d) > 1e-6) expect(Math.sign(d)).toBe(Math.sign(r));
        }
      }
    },
  );

  it("cross-entropy on softmax, z = (t, 0), y = (0, 1): δ = (2σ(t), −2σ(t)) exactly in the limit", () => {
    for (const t of [40, 800]) {
      const delta = deltaOf(crossEntropy, softmax, Matrix.column([t, 0]), Matrix.column([0, 1]));
      expect(Array.from(delta.data)).toEqual([2, -2]);
    }
    const one = deltaOf(crossEntropy, softmax, Matrix.column([5]), Matrix.column([0]));
    expect(Array.from(one.data)).toEqual([0]); // softmax of one output is the constant 1
  });

  it("log-likelihood on sigmoid is δ = y ⊙ (a − 1): −1 on a label at z = −800, 0 elsewhere", () => {
    const z = Matrix.column([-800, -800, 800]);
    const delta = deltaOf(logLikelihood, sigmoid, z, Matrix.column([1, 0, 1]));
    expect(Array.from(delta.data).map((v) => v + 0)).toEqual([-1, 0, 0]);
  });

  it("where the chain rule is finite, its values are kept bit for bit", () => {
    for (const [cost, activation] of [
      [crossEntropy, softmax],
      [logLikelihood, sigmoid],
      [crossEntropy, naiveSigmoid],
    ] as const) {
      const { z, y } = saturated(3);
      const general = Matrix.zeros(4, 4);
      chainRuleDelta(cost, z, outputs(activation, z), y, activation, general, Matrix.zeros(4, 4));
      expect(Array.from(deltaOf(cost, activation, z, y).data)).toEqual(Array.from(general.data));
    }
  });

  it("divergence still shows: NaN in z gives NaN in δ", () => {
    const z = Matrix.column([Number.NaN, 1]);
    const delta = deltaOf(crossEntropy, softmax, z, Matrix.column([1, 0]));
    expect(delta.data.some(Number.isNaN)).toBe(true);
  });
});

describe("log-likelihood's targets", () => {
  it("one-hot columns keep δ = a − y bit for bit", () => {
    const { z, y } = saturated(3);
    const a = outputs(softmax, z);
    const delta = deltaOf(logLikelihood, softmax, z, y);
    expect(Array.from(delta.data)).toEqual(Array.from(a.data, (v, i) => v - y.data[i]));
  });

  it("columns that do not sum to 1 (several labels, none, smoothed) get their exact gradient a·Σy − y", () => {
    const z = Matrix.fromArrays([
      [0.3, 1, -2],
      [-1, 0.2, 40],
      [2, -0.5, 0],
    ]);
    const y = Matrix.fromArrays([
      [1, 0, 0.8],
      [1, 0, 0.15],
      [0, 0, 0.1],
    ]);
    const delta = deltaOf(logLikelihood, softmax, z, y);
    expect(worstError(delta, numericDelta(logLikelihood, softmax, z, y))).toBeLessThan(1e-8);
    const general = Matrix.zeros(3, 3);
    chainRuleDelta(logLikelihood, z, outputs(softmax, z), y, softmax, general, Matrix.zeros(3, 3));
    expect(worstError(delta, general)).toBeLessThan(1e-12);
    // a − y would be wrong here: column 0 sums to 2
    expect(Math.abs(delta.data[0] - (outputs(softmax, z).data[0] - 1))).toBeGreaterThan(0.1);
  });
});

describe("built-ins are told from user-defined look-alikes", () => {
  it("by identity, not by name", () => {
    expect(isBuiltInActivation(sigmoid)).toBe(true);
    expect(isBuiltInActivation(relu)).toBe(true);
    expect(isBuiltInActivation(leakyRelu(0.3))).toBe(true);
    expect(isBuiltInActivation({ ...tanh })).toBe(false);
    const fake = scalarActivation({ name: "sigmoid", fn: (x) => x, derivative: () => 1 });
    expect(isBuiltInActivation(fake)).toBe(false);
    expect(isBuiltInCost(crossEntropy)).toBe(true);
    expect(isBuiltInCost(defineCost({ ...quadratic }))).toBe(false);
  });
});
