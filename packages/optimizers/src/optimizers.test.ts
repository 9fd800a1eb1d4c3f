import { Matrix, matrixBlock } from "@backprop/linalg";
import { describe, expect, it } from "vitest";
import { adam } from "./adam";
import { createOptimizer } from "./create-optimizer";
import { momentum, nesterov } from "./momentum";
import { decayWeights } from "./regularization";
import { sgd } from "./sgd";

/** Parameters with their gradients, as blocks in the model's layout. */
function blocks(params: Matrix[], grads: Matrix[]) {
  return params.map((w, k) => matrixBlock(w, grads[k]));
}

/** Three steps of each rule on one 1×3 parameter with fixed batch-summed gradients (m = 2). */
const grads = [
  [0.4, -1, 2],
  [0.2, 0.5, -3],
  [-0.6, 0.1, 1],
];

function run(optimizer: ReturnType<typeof sgd>, eta: number): number[] {
  const w = Matrix.fromArrays([[1, -2, 0.5]]);
  for (const g of grads) optimizer.step(blocks([w], [Matrix.fromArrays([g])]), eta, 2);
  return Array.from(w.data);
}

/** The textbook formulas, element by element, as the reference. */
function reference(kind: "sgd" | "momentum" | "nesterov" | "adam", eta: number): number[] {
  const w = [1, -2, 0.5];
  const v = [0, 0, 0];
  const m = [0, 0, 0];
  const s = [0, 0, 0];
  grads.forEach((sum, t) => {
    for (let i = 0; i < 3; i++) {
      const g = sum[i] / 2;
      if (kind === "sgd") w[i] -= eta * g;
      if (kind === "momentum" || kind === "nesterov") {
        const previous = v[i];
        v[i] = 0.9 * v[i] - eta * g;
        // Nesterov as "w ← w − μ·v_prev + (1 + μ)·v": algebraically the same update.
        w[i] += kind === "momentum" ? v[i] : -0.9 * previous + 1.9 * v[i];
      }
      if (kind === "adam") {
        m[i] = 0.9 * m[i] + 0.1 * g;
        s[i] = 0.999 * s[i] + 0.001 * g * g;
        const mHat = m[i] / (1 - 0.9 ** (t + 1));
        const sHat = s[i] / (1 - 0.999 ** (t + 1));
        w[i] -= (eta * mHat) / (Math.sqrt(sHat) + 1e-8);
      }
    }
  });
  return w;
}

describe("update rules follow their formulas", () => {
  it.each([
    ["sgd", sgd(), 0.5],
    ["momentum", momentum(), 0.5],
    ["nesterov", nesterov(), 0.5],
    ["adam", adam(), 0.01],
  ] as const)("%s", (kind, optimizer, eta) => {
    const got = run(optimizer, eta);
    const want = reference(kind, eta);
    for (let i = 0; i < 3; i++) expect(got[i]).toBeCloseTo(want[i], 13);
  });

  it("report whether every updated parameter is still finite", () => {
    for (const name of ["sgd", "momentum", "nesterov", "adam"]) {
      const w = Matrix.fromArrays([[1, 2]]);
      expect(
        createOptimizer(name).step(blocks([w], [Matrix.fromArrays([[0.1, 0.2]])]), 0.1, 1),
      ).toBe(true);
      expect(
        createOptimizer(name).step(blocks([w], [Matrix.fromArrays([[Number.NaN, 0]])]), 0.1, 1),
      ).toBe(false);
      const big = Matrix.fromArrays([[1e308]]);
      expect(
        createOptimizer("sgd").step(blocks([big], [Matrix.fromArrays([[-1e308]])]), 10, 1),
      ).toBe(false);
    }
  });

  it("save and restore their state, continuing exactly", () => {
    for (const name of ["momentum", "nesterov", "adam"]) {
      const a = createOptimizer(name);
      const w = Matrix.fromArrays([[1, 2]]);
      a.step(blocks([w], [Matrix.fromArrays([[0.3, -0.2]])]), 0.1, 1);
      const b = createOptimizer(name);
      b.setState(JSON.parse(JSON.stringify(a.getState())));
      const w2 = w.clone();
      a.step(blocks([w], [Matrix.fromArrays([[0.1, 0.4]])]), 0.1, 1);
      b.step(blocks([w2], [Matrix.fromArrays([[0.1, 0.4]])]), 0.1, 1);
      expect(Array.from(w2.data)).toEqual(Array.from(w.data));
    }
    // A state that does not fit the parameters (another network, or an older layout of
    // the SIMD first layer) is refused at the first step instead of training on NaN.
    for (const name of ["momentum", "nesterov", "adam"]) {
      const a = createOptimizer(name);
      a.step(blocks([Matrix.fromArrays([[1, 2]])], [Matrix.fromArrays([[0.3, -0.2]])]), 0.1, 1);
      const b = createOptimizer(name);
      b.setState(a.getState());
      const wider = Matrix.fromArrays([[1, 2, 3]]);
      expect(() => b.step(blocks([wider], [Matrix.fromArrays([[0, 0, 0]])]), 0.1, 1)).toThrow(
        /buffers \(2(, 2)? values\) do not fit these parameters \(3 values\)/,
      );
    }
    expect(() => createOptimizer("rmsprop")).toThrow(
      /unknown optimizer "rmsprop"; choose one of sgd, momentum, nesterov, adam/,
    );
  });

  it("L2 is network2's w ← (1 − ηλ/n)w − (η/m)∇w, exactly; L1 subtracts (ηλ/n)sgn(w)", () => {
    const w = Matrix.fromArrays([[0.7, -1.3, 0]]);
    const g = Matrix.fromArrays([[0.25, 0.5, -1]]);
    const [eta, lambda, n, m] = [0.5, 5, 1000, 10];
    const expected = Array.from(
      w.data,
      (wi, i) => (1 - eta * (lambda / n)) * wi - (eta / m) * g.data[i],
    );
    decayWeights(blocks([w], [g]), "l2", eta, lambda, n);
    sgd().step(blocks([w], [g]), eta, m);
    expect(Array.from(w.data)).toEqual(expected);
    const l1 = Matrix.fromArrays([[0.7, -1.3, 0]]);
    decayWeights(blocks([l1], [g]), "l1", eta, lambda, n);
    expect(Array.from(l1.data)).toEqual([0.7 - 0.0025, -1.3 + 0.0025, 0]);
  });
});
