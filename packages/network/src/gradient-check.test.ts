import type { Activation, Cost } from "@backprop/activations";
import {
  crossEntropy,
  identity,
  leakyRelu,
  logLikelihood,
  quadratic,
  relu,
  sigmoid,
  softmax,
  softplus,
  tanh,
} from "@backprop/activations";
import { Matrix, Rng } from "@backprop/linalg";
import { describe, expect, it } from "vitest";
import { checkGradients } from "./gradient-check";
import { Network } from "./network";

const hidden: Activation[] = [sigmoid, tanh, relu, leakyRelu(0.1), identity, softplus];
/** Output layers that make sense for each cost: outputs in (0, 1) for the log costs. */
const outputs: [Cost, Activation[]][] = [
  [quadratic, [sigmoid, tanh, identity, softmax, softplus]],
  [crossEntropy, [sigmoid, softmax]],
  [logLikelihood, [softmax, sigmoid]],
];

function problem(sizes: number[], seed: number) {
  const rng = new Rng(seed);
  const m = 3;
  const x = new Matrix(sizes[0], m, rng.fillNormal(new Float64Array(sizes[0] * m)));
  const out = sizes[sizes.length - 1];
  const y = Matrix.zeros(out, m);
  for (let j = 0; j < m; j++) y.set(rng.integer(out), j, 1);
  return { x, y };
}

describe("backprop against finite differences of the cost (float64, relative error < 1e-6)", () => {
  const cases = outputs.flatMap(([cost, outs]) =>
    outs.flatMap((output) =>
      hidden.map((h) => [cost.name, h.name, output.name, cost, h, output] as const),
    ),
  );
  it.each(cases)("%s cost, %s hidden, %s output", (_c, _h, _o, cost, h, output) => {
    for (const [depth, sizes] of [
      [4, 5, 3],
      [3, 6, 5, 4, 3],
    ].entries()) {
      const network = new Network({
        sizes,
        activation: h,
        outputActivation: output,
        cost,
        init: "scaled",
        seed: 100 + depth,
      });
      const { x, y } = problem(sizes, depth);
      const report = checkGradients(network, x, y);
      expect(report.checked).toBe(network.parameterCount());
      expect(report.worst.relativeError, report.worst.parameter).toBeLessThan(1e-6);
    }
  });

  it("notices a wrong gradient (a derivative off by a factor)", () => {
    const wrongTanh: Activation = {
      ...tanh,
      backward: (z, a, g, out, s) => {
        tanh.backward(z, a, g, out, s);
        for (let i = 0; i < out.data.length; i++) out.data[i] *= 1.01;
      },
    };
    const network = new Network({
      sizes: [3, 4, 2],
      activation: wrongTanh,
      outputActivation: sigmoid,
      seed: 1,
    });
    const { x, y } = problem([3, 4, 2], 9);
    const report = checkGradients(network, x, y);
    expect(report.worst.relativeError).toBeGreaterThan(1e-3);
    expect(report.worst.parameter).toMatch(/^(weights|biases)\[0\]/);
  });

  it("can sample a few parameters per layer of a big network", () => {
    const network = new Network({ sizes: [784, 30, 10], init: "scaled", seed: 3 });
    const { x, y } = problem([784, 30, 10], 4);
    const report = checkGradients(network, x, y, { perLayer: 20 });
    expect(report.checked).toBe(4 * 20 - 10);
    expect(report.worst.relativeError).toBeLessThan(1e-6);
  });
});
