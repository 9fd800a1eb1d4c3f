import { checkActivationDerivative, scalarActivation, softmax, tanh } from "@backprop/activations";
import { type ClassificationData, makeMoons, makeXor, splitData } from "@backprop/datasets";
import { Matrix, Rng } from "@backprop/linalg";
import { loadModel, ModelFileError, modelToJson, Network } from "@backprop/network";
import { describe, expect, it } from "vitest";
import { createOptimizer } from "./create-optimizer";
import { DivergenceError } from "./errors";
import { evaluateData } from "./evaluate-data";
import { train, trainAsync } from "./train";

function weightsOf(network: Network): number[][] {
  return [...network.weights, ...network.biases].map((m) => Array.from(m.data));
}

const xor = makeXor({ rng: new Rng(0) });

describe("learning", () => {
  it("learns XOR with the seed's network and SGD (4/4), bit-identically for the same seed", () => {
    const run = () => {
      const network = new Network({ sizes: [2, 4, 2], seed: 3 });
      const result = train(network, xor, {
        epochs: 1500,
        batchSize: 4,
        eta: 3,
        seed: 1,
        test: xor,
      });
      return { network, result };
    };
    const a = run();
    const b = run();
    expect(a.result.history.at(-1)?.test?.correct).toBe(4);
    expect(weightsOf(a.network)).toEqual(weightsOf(b.network));
  });

  it("learns two moons to ≥ 95% test accuracy with momentum and cross-entropy", () => {
    const moons = makeMoons({ samples: 1000, noise: 0.1, rng: new Rng(5) });
    const { training, test } = splitData(moons, { test: 200, rng: new Rng(6) });
    const network = new Network({
      sizes: [2, 16, 2],
      activation: tanh,
      outputActivation: "sigmoid",
      cost: "crossEntropy",
      init: "xavier",
      seed: 2,
    });
    const before = evaluateData(network, test).accuracy;
    const result = train(network, training, {
      epochs: 60,
      batchSize: 10,
      eta: 0.1,
      optimizer: createOptimizer("momentum"),
      seed: 4,
      test,
    });
    const after = result.history.at(-1)!.test!;
    expect(after.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(after.accuracy).toBeGreaterThan(before);
    expect(after.cost).toBeLessThan(result.history[0].test!.cost);
  });

  it("trains the same weights with trainAsync as with train", async () => {
    const a = new Network({ sizes: [2, 3, 2], seed: 1 });
    const b = new Network({ sizes: [2, 3, 2], seed: 1 });
    train(a, xor, { epochs: 50, batchSize: 2, eta: 1, seed: 9 });
    await trainAsync(b, xor, { epochs: 50, batchSize: 2, eta: 1, seed: 9, sliceMs: 0 });
    expect(weightsOf(b)).toEqual(weightsOf(a));
  });
});

describe("a custom activation end to end", () => {
  it("is defined, checked, trained with, saved, and loaded back with the same predictions", () => {
    const softsign = scalarActivation({
      name: "softsignTrain",
      fn: (x) => x / (1 + Math.abs(x)),
      derivative: (x) => 1 / (1 + Math.abs(x)) ** 2,
    });
    expect(checkActivationDerivative(softsign).ok).toBe(true);
    const network = new Network({
      sizes: [2, 6, 2],
      activation: softsign,
      outputActivation: softmax,
      cost: "logLikelihood",
      init: "xavier",
      seed: 8,
    });
    const result = train(network, xor, { epochs: 800, batchSize: 4, eta: 0.5, seed: 2, test: xor });
    expect(result.history.at(-1)?.test?.correct).toBe(4);
    const text = modelToJson(network, { trainedOn: "xor" });
    const { network: loaded } = loadModel(text, { activations: [softsign] });
    const x = Matrix.fromArrays([
      [0, 1, 1, 0],
      [0, 0, 1, 1],
    ]);
    expect(Array.from(loaded.feedforward(x).data)).toEqual(Array.from(network.feedforward(x).data));
    expect(() => loadModel(text)).toThrow(ModelFileError);
    expect(() => loadModel(text)).toThrow(/unknown activation "softsignTrain"/);
  });
});

describe("training control", () => {
  const moons = makeMoons({ samples: 400, noise: 0.2, rng: new Rng(1) });
  const { training, validation } = splitData(moons, { validation: 100, rng: new Rng(2) }) as {
    training: ClassificationData;
    validation: ClassificationData;
  };

  it("early stopping keeps the weights of the best validation epoch", () => {
    const network = new Network({ sizes: [2, 8, 2], init: "scaled", seed: 1 });
    let bestWeights: number[][] = [];
    let bestAccuracy = -1;
    const result = train(network, training, {
      epochs: 200,
      batchSize: 10,
      eta: 2,
      seed: 3,
      validation,
      earlyStop: { patience: 5 },
      onEpoch: (r) => {
        if (r.validation!.accuracy > bestAccuracy) {
          bestAccuracy = r.validation!.accuracy;
          bestWeights = weightsOf(network);
        }
      },
    });
    expect(result.stoppedBy).toBe("early-stop");
    expect(result.history.length).toBeLessThan(200);
    expect(weightsOf(network)).toEqual(bestWeights);
    expect(evaluateData(network, validation).accuracy).toBe(bestAccuracy);
  });

  it("the plateau schedule divides η when validation accuracy stalls, and stops at minEta", () => {
    const network = new Network({ sizes: [2, 8, 2], init: "scaled", seed: 1 });
    const result = train(network, training, {
      epochs: 300,
      batchSize: 10,
      eta: 4,
      seed: 3,
      validation,
      schedule: { kind: "plateau", patience: 2, divisor: 2, minEta: 4 / 8 },
    });
    const etas = [...new Set(result.history.map((r) => r.eta))];
    expect(etas).toEqual([4, 2, 1, 0.5]);
    expect(result.stoppedBy).toBe("schedule");
  });

  it("stops cleanly between batches when the signal aborts", () => {
    const controller = new AbortController();
    const network = new Network({ sizes: [2, 8, 2], seed: 1 });
    let batches = 0;
    const result = train(network, training, {
      epochs: 5,
      batchSize: 10,
      eta: 1,
      signal: controller.signal,
      onBatch: () => {
        batches++;
        if (batches === 7) controller.abort();
      },
    });
    expect(result.stoppedBy).toBe("abort");
    expect(batches).toBe(7);
    expect(result.history).toEqual([]);
  });

  it("stops at once on divergence, naming epoch, batch and parameter, and suggesting a smaller η", () => {
    const network = new Network({
      sizes: [2, 8, 2],
      activation: "identity",
      outputActivation: "identity",
      seed: 1,
    });
    let error: unknown;
    try {
      train(network, training, { epochs: 3, batchSize: 10, eta: 1e3 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DivergenceError);
    const d = error as DivergenceError;
    expect(d.epoch).toBe(0);
    expect(d.parameter).toMatch(/^(weights|biases)\[\d\]$/);
    expect(d.message).toMatch(/try η = 100/);
  });

  it("stops when the cost becomes NaN though the weights stay finite (cross-entropy on tanh outputs)", () => {
    const network = new Network({
      sizes: [2, 4, 2],
      activation: "tanh",
      cost: "crossEntropy",
      seed: 1,
    });
    expect(() =>
      train(network, training, { epochs: 2, batchSize: 10, eta: 0.1, test: validation }),
    ).toThrow(/epoch 0, batch 30: the test cost became NaN/);
  });

  it("rejects bad options with messages that name them", () => {
    const network = new Network([2, 2]);
    expect(() => train(network, training, { epochs: 0, batchSize: 10, eta: 1 })).toThrow(
      /epochs must be a positive integer, got 0/,
    );
    expect(() => train(network, training, { epochs: 1, batchSize: 10, eta: Number.NaN })).toThrow(
      /eta must be a positive number/,
    );
    expect(() =>
      train(network, training, { epochs: 1, batchSize: 10, eta: 1, earlyStop: { patience: 2 } }),
    ).toThrow(/pass validation data/);
  });
});
