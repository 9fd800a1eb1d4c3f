import { ClassificationData, makeMoons } from "@backprop/datasets";
import { Matrix, Rng } from "@backprop/linalg";
import { Network } from "@backprop/network";
import { describe, expect, it } from "vitest";
import { createOptimizer } from "./create-optimizer";
import { train } from "./train";
import { updateMiniBatch } from "./update-mini-batch";

const weightsOf = (n: Network) => [...n.weights, ...n.biases].map((m) => Array.from(m.data));

describe("weight decay, coupled or decoupled", () => {
  // One mini-batch of 4 samples; λ = 3 over n = 20 training samples.
  const x = Matrix.fromArrays([
    [0.5, -1, 2, 0.1],
    [1.5, 0.3, -0.7, 1],
  ]);
  const y = Matrix.fromArrays([
    [1, 0, 0, 1],
    [0, 1, 1, 0],
  ]);
  const settings = { lambda: 3, trainingSize: 20 };

  it("coupled SGD is w ← w − η((1/m)Σ∇ + (λ/n)w), against the formula by hand", () => {
    const eta = 0.5;
    const plain = new Network({ sizes: [2, 3, 2], seed: 4 });
    const before = weightsOf(plain);
    // Σ∇ with no decay, from a copy: what the coupled rule adds (λ/n)w to.
    const { gradients } = updateMiniBatch(new Network({ sizes: [2, 3, 2], seed: 4 }), x, y, 0, {});
    const coupled = new Network({ sizes: [2, 3, 2], seed: 4 });
    updateMiniBatch(coupled, x, y, eta, { ...settings, weightDecay: "coupled" });
    for (let l = 0; l < 2; l++) {
      const w = before[l];
      const expected = w.map(
        (v, i) => v - eta * (gradients.nablaW[l].data[i] / 4 + (settings.lambda / 20) * v),
      );
      const got = Array.from(coupled.weights[l].data);
      for (let i = 0; i < w.length; i++) expect(got[i]).toBeCloseTo(expected[i], 14);
    }
    // Biases never decay.
    const decoupled = new Network({ sizes: [2, 3, 2], seed: 4 });
    updateMiniBatch(decoupled, x, y, eta, settings);
    expect(Array.from(coupled.biases[0].data)).toEqual(Array.from(decoupled.biases[0].data));
  });

  it("with Adam, coupled decay goes through the moments and differs from AdamW", () => {
    const run = (weightDecay: "coupled" | "decoupled") => {
      const network = new Network({ sizes: [2, 6, 2], seed: 2 });
      train(network, makeMoons({ samples: 60, noise: 0.2, rng: new Rng(1) }), {
        epochs: 2,
        batchSize: 10,
        eta: 0.01,
        lambda: 5,
        optimizer: createOptimizer("adam"),
        weightDecay,
      });
      return weightsOf(network);
    };
    const [coupled, decoupled] = [run("coupled"), run("decoupled")];
    expect(coupled[0]).not.toEqual(decoupled[0]);
    // The default is decoupled: the same weights as asking for it.
    const network = new Network({ sizes: [2, 6, 2], seed: 2 });
    train(network, makeMoons({ samples: 60, noise: 0.2, rng: new Rng(1) }), {
      epochs: 2,
      batchSize: 10,
      eta: 0.01,
      lambda: 5,
      optimizer: createOptimizer("adam"),
    });
    expect(weightsOf(network)).toEqual(decoupled);
  });

  it.each(["sgd", "momentum", "adam"])(
    "%s, coupled: the SIMD first layer gives the JS reference's weights bit for bit",
    (name) => {
      const rng = new Rng(1);
      const inputs = new Uint8Array(120 * 49);
      for (let i = 0; i < inputs.length; i++)
        if (rng.uniform() < 0.3) inputs[i] = 1 + rng.integer(255);
      const data = new ClassificationData({
        inputs,
        labels: Uint8Array.from({ length: 120 }, () => rng.integer(3)),
        features: 49,
        classes: 3,
      });
      const run = (kernels: "js" | "auto") => {
        const network = new Network({ sizes: [49, 8, 3], seed: 3 });
        train(network, data, {
          epochs: 2,
          batchSize: 10,
          eta: name === "adam" ? 0.01 : 0.5,
          lambda: 2,
          regularization: name === "momentum" ? "l1" : "l2",
          weightDecay: "coupled",
          optimizer: createOptimizer(name),
          kernels,
        });
        return weightsOf(network);
      };
      expect(run("auto")).toEqual(run("js"));
    },
  );

  it("refuses an unknown mode", () => {
    const network = new Network({ sizes: [2, 2, 2], seed: 1 });
    const data = makeMoons({ samples: 10, rng: new Rng(1) });
    expect(() =>
      train(network, data, { epochs: 1, batchSize: 5, eta: 1, weightDecay: "pytorch" as never }),
    ).toThrow(/weightDecay must be "decoupled" or "coupled", got "pytorch"/);
  });
});
