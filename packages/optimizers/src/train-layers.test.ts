import { logLikelihood, softmax } from "@backprop/activations";
import { ClassificationData, makeMoons } from "@backprop/datasets";
import { Rng } from "@backprop/linalg";
import { conv2d, dense, dropout, flatten, LayerNetwork, maxPool, Network } from "@backprop/network";
import { describe, expect, it } from "vitest";
import { TrainingOptionsError } from "./errors";
import { evaluateLayers } from "./evaluate-layers";
import { train } from "./train";
import { type LayerEpochRecord, trainLayers, trainLayersAsync } from "./train-layers";

/**
 * 8×8 byte images of one bar, vertical (label 0) or horizontal (label 1), at a random
 * row or column, with faint noise: a task one 3×3 convolution solves and a pixel-wise
 * linear model finds harder.
 */
function bars(count: number, seed: number): ClassificationData {
  const rng = new Rng(seed);
  const inputs = new Uint8Array(count * 64);
  const labels = new Uint8Array(count);
  for (let s = 0; s < count; s++) {
    const label = rng.uniform() < 0.5 ? 0 : 1;
    const at = Math.floor(rng.uniform() * 8);
    const start = 1 + Math.floor(rng.uniform() * 3);
    const length = 4 + Math.floor(rng.uniform() * 2);
    labels[s] = label;
    for (let i = 0; i < 64; i++) inputs[s * 64 + i] = Math.floor(rng.uniform() * 40);
    for (let t = start; t < Math.min(8, start + length); t++) {
      const [y, x] = label === 0 ? [t, at] : [at, t];
      inputs[s * 64 + y * 8 + x] = 255;
    }
  }
  return new ClassificationData({ inputs, labels, features: 64, classes: 2, sampleShape: [8, 8] });
}

function barNet(seed: number, withDropout = false): LayerNetwork {
  const rng = new Rng(seed);
  const conv = conv2d({
    inputShape: { channels: 1, height: 8, width: 8 },
    filters: 4,
    kernelSize: 3,
    activation: "relu",
    rng,
  });
  const pool = maxPool({ inputShape: conv.outputShape, size: 2 });
  const flat = flatten({ inputShape: pool.outputShape });
  const n = flat.outputShape.channels;
  return new LayerNetwork({
    layers: [
      conv,
      pool,
      flat,
      ...(withDropout
        ? [dropout({ inputShape: flat.outputShape, rate: 0.5, mode: "scale-at-test", rng })]
        : []),
      dense({ inputs: n, outputs: 2, activation: softmax, init: "xavier", rng }),
    ],
    cost: logLikelihood,
  });
}

function parametersOf(network: LayerNetwork): number[][] {
  return network.layers.flatMap((l) => l.parameters.map((p) => Array.from(p.data)));
}

describe("trainLayers", () => {
  it("a tiny conv net learns vertical vs horizontal bars to ≥ 95% in 3 epochs", () => {
    const training = bars(600, 1);
    const test = bars(200, 2);
    const network = barNet(3);
    const before = evaluateLayers(network, test).accuracy;
    const records: LayerEpochRecord[] = [];
    const result = trainLayers(network, training, {
      epochs: 3,
      batchSize: 10,
      eta: 0.1,
      seed: 4,
      test,
      onEpoch: (r) => records.push(r),
    });
    expect(records).toEqual(result.history);
    expect(result.history.map((r) => r.epoch)).toEqual([0, 1, 2]);
    const last = result.history.at(-1)!;
    expect(last.test!.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(last.test!.accuracy).toBeGreaterThan(before);
    expect(last.seconds).toBeGreaterThan(0);
    expect(last.samplesPerSecond).toBeCloseTo(600 / last.seconds, 6);
    expect(result.stoppedBy).toBe("epochs");
  });

  it("is repeatable for a seed, dropout included, and the async form gives the same weights", async () => {
    const run = async (sync: boolean) => {
      const network = barNet(5, true);
      const options = { epochs: 2, batchSize: 10, eta: 0.1, lambda: 0.1, seed: 6 };
      if (sync) trainLayers(network, bars(200, 7), options);
      else await trainLayersAsync(network, bars(200, 7), { ...options, sliceMs: 0 });
      return parametersOf(network);
    };
    const a = await run(true);
    expect(await run(true)).toEqual(a);
    expect(await run(false)).toEqual(a);
  });

  it("reports the test accuracy of the epoch with the best validation accuracy (network3's rule)", () => {
    const network = barNet(8);
    const result = trainLayers(network, bars(300, 9), {
      epochs: 3,
      batchSize: 10,
      eta: 0.05,
      seed: 1,
      test: bars(100, 10),
      validation: bars(100, 11),
    });
    const best = result.history.reduce((b, r) =>
      r.validation!.accuracy >= b.validation!.accuracy ? r : b,
    );
    expect(result.bestEpoch).toBe(best.epoch);
    expect(result.testAtBest).toEqual(best.test);
  });

  it("on a tie of validation accuracies the last such epoch is reported, as network3.py's `>=` does", () => {
    // η = 1e-300 leaves every weight as it was (the steps are below rounding), so all three
    // epochs score the same: network3 keeps the last.
    const result = trainLayers(barNet(8), bars(100, 9), {
      epochs: 3,
      batchSize: 10,
      eta: 1e-300,
      test: bars(50, 10),
      validation: bars(50, 11),
    });
    const accuracies = result.history.map((r) => r.validation!.accuracy);
    expect(new Set(accuracies).size).toBe(1);
    expect(result.bestEpoch).toBe(2);
    expect(result.testAtBest).toEqual(result.history[2].test);
  });

  it("a dense-only LayerNetwork gives the seed's Network's weights bit for bit (same seed, shuffle, data, λ)", () => {
    const moons = makeMoons({ samples: 300, noise: 0.1, rng: new Rng(2) });
    for (const lambda of [0, 0.5]) {
      const seedNet = new Network({ sizes: [2, 8, 2], seed: 7 });
      const layers = [0, 1].map((l) =>
        dense({
          inputs: seedNet.sizes[l],
          outputs: seedNet.sizes[l + 1],
          activation: "sigmoid",
          rng: new Rng(0),
        }),
      );
      layers.forEach((layer, l) => {
        layer.parameters[0].data.set(seedNet.weights[l].data);
        layer.parameters[1].data.set(seedNet.biases[l].data);
      });
      const layerNet = new LayerNetwork({ layers, cost: "quadratic" });
      const options = { epochs: 3, batchSize: 10, eta: 3, lambda, seed: 11 };
      train(seedNet, moons, options);
      trainLayers(layerNet, moons, options);
      expect(parametersOf(layerNet)).toEqual(
        [0, 1].flatMap((l) => [
          Array.from(seedNet.weights[l].data),
          Array.from(seedNet.biases[l].data),
        ]),
      );
    }
  });

  // `train` feeds byte images through its sparse first layer, whose sums over a sample's
  // pixels run in another order than gemm's: equal to the last bits, not bit for bit.
  it("on byte images, where `train` runs its sparse first layer: equal to 1e-12", () => {
    const data = bars(200, 12);
    const seedNet = new Network({ sizes: [64, 10, 2], seed: 1 });
    const layers = [0, 1].map((l) =>
      dense({
        inputs: seedNet.sizes[l],
        outputs: seedNet.sizes[l + 1],
        activation: "sigmoid",
        rng: new Rng(0),
      }),
    );
    layers.forEach((layer, l) => {
      layer.parameters[0].data.set(seedNet.weights[l].data);
      layer.parameters[1].data.set(seedNet.biases[l].data);
    });
    const layerNet = new LayerNetwork({ layers });
    const options = { epochs: 2, batchSize: 10, eta: 3, lambda: 1, seed: 3 };
    train(seedNet, data, { ...options, kernels: "js" });
    trainLayers(layerNet, data, options);
    const expected = [0, 1].flatMap((l) => [seedNet.weights[l].data, seedNet.biases[l].data]);
    let worst = 0;
    parametersOf(layerNet).forEach((values, k) => {
      values.forEach((v, i) => {
        worst = Math.max(worst, Math.abs(v - expected[k][i]));
      });
    });
    expect(worst).toBeLessThan(1e-12);
  });

  it('threads 2 and "auto" train to one thread\'s weights, bit for bit (products large enough to split)', () => {
    // 28×28 noise images through conv 8×5×5 (1.15 M multiply-adds per batch of 10, split
    // between the threads) and dense 1152 → 10, float32; 60 batches, so "auto" runs its
    // warm-up in both modes and a probe.
    const rng = new Rng(4);
    const count = 600;
    const inputs = new Uint8Array(count * 784).map(() => Math.floor(rng.uniform() * 256));
    const labels = new Uint8Array(count).map(() => rng.integer(10));
    const data = new ClassificationData({
      inputs,
      labels,
      features: 784,
      classes: 10,
      sampleShape: [28, 28],
    });
    const net = () => {
      const r = new Rng(9);
      const conv = conv2d({
        inputShape: { channels: 1, height: 28, width: 28 },
        filters: 8,
        kernelSize: 5,
        activation: "relu",
        rng: r,
        dtype: "float32",
      });
      const pool = maxPool({ inputShape: conv.outputShape, size: 2 });
      const flat = flatten({ inputShape: pool.outputShape });
      const out = dense({
        inputs: flat.outputShape.channels,
        outputs: 10,
        activation: softmax,
        rng: r,
        dtype: "float32",
      });
      return new LayerNetwork({ layers: [conv, pool, flat, out], cost: logLikelihood });
    };
    const weights = (threads: 1 | 2 | "auto") => {
      const network = net();
      trainLayers(network, data, { epochs: 1, batchSize: 10, eta: 0.05, seed: 2, threads });
      return parametersOf(network);
    };
    const one = weights(1);
    expect(weights(2)).toEqual(one);
    expect(weights("auto")).toEqual(one);
    expect(() =>
      trainLayers(net(), data, { epochs: 1, batchSize: 10, eta: 0.05, threads: 3 as never }),
    ).toThrow('trainLayers: threads must be 1, 2 or "auto", got 3');
  });

  it("stops between mini-batches on abort, and refuses bad options naming them", () => {
    const controller = new AbortController();
    controller.abort();
    const network = barNet(1);
    const result = trainLayers(network, bars(50, 1), {
      epochs: 2,
      batchSize: 10,
      eta: 0.1,
      signal: controller.signal,
    });
    expect(result).toMatchObject({ stoppedBy: "abort", history: [] });
    expect(() => trainLayers(network, bars(50, 1), { epochs: 0, batchSize: 10, eta: 0.1 })).toThrow(
      TrainingOptionsError,
    );
    expect(() => trainLayers(network, bars(50, 1), { epochs: 1, batchSize: 10, eta: -1 })).toThrow(
      /eta must be a positive number/,
    );
    const moons = makeMoons({ samples: 20, rng: new Rng(0) });
    expect(() => trainLayers(network, moons, { epochs: 1, batchSize: 10, eta: 0.1 })).toThrow(
      /the training data has 2 features and 2 classes, but the network takes 64 inputs \(1×8×8\)/,
    );
  });
});
