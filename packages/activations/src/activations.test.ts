import { Matrix } from "@backprop/linalg";
import { describe, expect, it } from "vitest";
import { defineActivation, scalarActivation } from "./activation";
import { identity } from "./activations/identity";
import { leakyRelu, relu } from "./activations/relu";
import { sigmoid } from "./activations/sigmoid";
import { softmax } from "./activations/softmax";
import { softplus } from "./activations/softplus";
import { tanh } from "./activations/tanh";
import { checkActivationDerivative } from "./derivative-check";

const builtins = [sigmoid, tanh, relu, leakyRelu(), leakyRelu(0.2), identity, softplus, softmax];

function apply(activation: typeof sigmoid, values: number[]): number[] {
  const out = Matrix.zeros(1, values.length);
  activation.fn(Matrix.fromFlat(1, values.length, values), out);
  return Array.from(out.data);
}

describe("built-in activations", () => {
  it.each(builtins.map((a) => [a.name, a] as const))(
    "%s passes the derivative check (central differences, near 0 to ±1000)",
    (_name, activation) => {
      const report = checkActivationDerivative(activation);
      expect(report.failures).toEqual([]);
      expect(report.ok).toBe(true);
      expect(report.checked).toBeGreaterThanOrEqual(20);
    },
  );

  it("sigmoid is finite and exact at ±1000 and matches 1/(1+e⁻ᶻ) elsewhere", () => {
    const values = apply(sigmoid, [-1000, -30, -1, 0, 1, 30, 1000]);
    expect(values[0]).toBe(0);
    expect(values[3]).toBe(0.5);
    expect(values[6]).toBe(1);
    for (const [i, z] of [-30, -1, 0, 1, 30].entries()) {
      expect(values[i + 1]).toBeCloseTo(1 / (1 + Math.exp(-z)), 15);
    }
    const d = Matrix.zeros(1, 2);
    sigmoid.derivative(Matrix.fromFlat(1, 2, [-1000, 1000]), d);
    expect(Array.from(d.data)).toEqual([0, 0]);
  });

  it("softplus does not overflow and softmax columns sum to 1 even for huge z", () => {
    expect(apply(softplus, [1000, -1000])).toEqual([1000, 0]);
    const z = Matrix.fromArrays([
      [1000, 1],
      [999, 2],
      [-1000, 3],
    ]);
    const a = Matrix.zeros(3, 2);
    softmax.fn(z, a);
    for (let j = 0; j < 2; j++) {
      expect(a.get(0, j) + a.get(1, j) + a.get(2, j)).toBeCloseTo(1, 14);
    }
    expect(a.get(0, 0) / a.get(1, 0)).toBeCloseTo(Math.E, 12);
    expect(a.data.every(Number.isFinite)).toBe(true);
  });

  it("relu, leakyRelu and identity have the textbook values", () => {
    expect(apply(relu, [-2, 0, 3])).toEqual([0, 0, 3]);
    expect(apply(leakyRelu(0.2), [-2, 3])).toEqual([-0.4, 3]);
    expect(leakyRelu().name).toBe("leakyRelu");
    expect(leakyRelu(0.2).name).toBe("leakyRelu(0.2)");
    expect(() => leakyRelu(Number.NaN)).toThrow(RangeError);
    expect(apply(identity, [-2, 5])).toEqual([-2, 5]);
    expect(apply(tanh, [0, 1000])).toEqual([0, 1]);
  });
});

describe("user activations and the derivative check", () => {
  it("scalarActivation lifts f(x) and f′(x) into a vectorised activation", () => {
    const swish = scalarActivation({
      name: "swish",
      fn: (x) => x / (1 + Math.exp(-x)),
      derivative: (x) => {
        const s = 1 / (1 + Math.exp(-x));
        return s + x * s * (1 - s);
      },
    });
    expect(apply(swish, [0, 2])[1]).toBeCloseTo(2 / (1 + Math.exp(-2)), 15);
    expect(checkActivationDerivative(swish, { points: [-5, -1, 0, 0.3, 2, 7] }).ok).toBe(true);
  });

  it("reports where and by how much a wrong derivative fails", () => {
    const wrong = scalarActivation({
      name: "wrongSquare",
      fn: (x) => x * x,
      derivative: (x) => x + 1,
    });
    const report = checkActivationDerivative(wrong, { points: [0.5, 2, 4] });
    expect(report.ok).toBe(false);
    expect(report.worst.at).toBe(4);
    expect(report.worst.analytic).toBe(5);
    expect(report.worst.numeric).toBeCloseTo(8, 6);
    expect(report.worst.error).toBeCloseTo(3 / 8, 6); // |5 − 8| / 8
    expect(report.failures.map((f) => f.at)).toContain(2);
  });

  it("catches a softmax-like activation whose backward is wrong", () => {
    const broken = { ...softmax, name: "brokenSoftmax", backward: softmax.derivative };
    const report = checkActivationDerivative({
      ...broken,
      backward: (z, _a, _g, out) => broken.backward(z, out),
    });
    expect(report.ok).toBe(false);
    expect(String(report.worst.at)).toMatch(/column \d+, element \d/);
  });

  it("defineActivation rejects a missing derivative and a bad name, saying what it needs", () => {
    const fn = (z: Float64Array | Float32Array, out: Float64Array | Float32Array) => out.set(z);
    expect(() =>
      defineActivation({ name: "half", fn } as unknown as Parameters<typeof defineActivation>[0]),
    ).toThrow(/derivative must be a function/);
    expect(() => defineActivation({ name: "", fn, derivative: fn })).toThrow(/name must be/);
    expect(Object.isFrozen(defineActivation({ name: "copy", fn, derivative: fn }))).toBe(true);
  });
});

describe("backward of the element-wise built-ins", () => {
  it("equals g ⊙ σ′(z) bit for bit (relu and leakyRelu fuse the two passes)", () => {
    const values = [-3, -1e-300, -0, 0, 1e-300, 0.5, 2, Number.NaN, 1e300];
    const z = Matrix.fromFlat(3, 3, values);
    const g = Matrix.fromFlat(3, 3, [1.5, -2, 3, -0.25, 7, -1, 2, 0.125, -4]);
    for (const activation of [
      relu,
      leakyRelu(0.2),
      leakyRelu(),
      sigmoid,
      tanh,
      softplus,
      identity,
    ]) {
      const a = Matrix.zeros(3, 3);
      activation.fn(z, a);
      const derivative = Matrix.zeros(3, 3);
      activation.derivative(z, derivative);
      const out = Matrix.zeros(3, 3);
      activation.backward(z, a, g, out, Matrix.zeros(3, 3));
      const expected = Array.from(g.data, (gi, i) => gi * derivative.data[i]);
      expect(Array.from(out.data), activation.name).toEqual(expected);
    }
  });
});
