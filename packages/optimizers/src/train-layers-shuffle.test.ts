import { ClassificationData, makeMoons } from "@backprop/datasets";
import { batches, Rng } from "@backprop/linalg";
import { dense, LayerNetwork } from "@backprop/network";
import { describe, expect, it } from "vitest";
import { TrainingOptionsError } from "./errors";
import type { LayerTrainingState } from "./layer-training-state";
import { trainLayers } from "./train-layers";

/** A 2-8-2 sigmoid net, the same weights for the same seed. */
function net(seed: number): LayerNetwork {
  const rng = new Rng(seed);
  const layers = [
    dense({ inputs: 2, outputs: 8, activation: "sigmoid", rng }),
    dense({ inputs: 8, outputs: 2, activation: "sigmoid", rng }),
  ];
  return new LayerNetwork({ layers, cost: "quadratic" });
}

const weights = (n: LayerNetwork) =>
  n.layers.flatMap((l) => l.parameters.map((p) => Array.from(p.data)));

/** The data with its samples in `order`. */
function reordered(data: ClassificationData, order: Uint32Array): ClassificationData {
  const f = data.features;
  const inputs = new Float64Array(data.length * f);
  const labels = new Uint8Array(data.length);
  order.forEach((s, i) => {
    inputs.set(data.inputs.subarray(s * f, (s + 1) * f), i * f);
    labels[i] = data.labels[s];
  });
  return new ClassificationData({ inputs, labels, features: f, classes: data.classes });
}

describe("trainLayers shuffle: network3's order", () => {
  // 95 samples: the last batch of each epoch is a partial one.
  const data = makeMoons({ samples: 95, noise: 0.1, rng: new Rng(4) });
  const options = { epochs: 3, batchSize: 10, eta: 2, seed: 5 };

  it("\"never\" cuts the batches in the data's order every epoch, as network3.py's SGD", () => {
    const trained = net(1);
    trainLayers(trained, data, { ...options, shuffle: "never" });
    // The same steps, written out: in-order slices of 10, three times.
    const byHand = net(1);
    const inOrder = batches(data, { batchSize: 10, layout: "dense" });
    for (let epoch = 0; epoch < 3; epoch++) {
      for (const mini of inOrder) byHand.updateMiniBatch(mini.inputs, mini.targets, 2);
    }
    expect(weights(trained)).toEqual(weights(byHand));
    expect(weights(trained)).not.toEqual(weights(net(1)));
  });

  it('"once" is one shuffle by the seeded generator, then that order every epoch', () => {
    const trained = net(1);
    trainLayers(trained, data, { ...options, shuffle: "once" });
    // The generator's one shuffle, applied to the data, then trained in order.
    const order = new Rng(5).shuffle(Uint32Array.from({ length: data.length }, (_, i) => i));
    const byHand = net(1);
    trainLayers(byHand, reordered(data, order), { ...options, shuffle: "never" });
    expect(weights(trained)).toEqual(weights(byHand));
    // …and not what a new shuffle each epoch (the default) gives.
    const everyEpoch = net(1);
    trainLayers(everyEpoch, data, options);
    expect(weights(everyEpoch)).not.toEqual(weights(trained));
  });

  it('"once" resumes to the weights of one straight run', () => {
    const straight = net(2);
    trainLayers(straight, data, { ...options, shuffle: "once" });
    const resumed = net(2);
    let state: LayerTrainingState | undefined;
    trainLayers(resumed, data, {
      ...options,
      epochs: 1,
      shuffle: "once",
      onEpoch: (_r, s) => (state = JSON.parse(JSON.stringify(s))),
    });
    trainLayers(resumed, data, { ...options, shuffle: "once", resume: state });
    expect(weights(resumed)).toEqual(weights(straight));
  });

  it("a resume must ask for the order its run used, and is handed a copy of the state", () => {
    const states: LayerTrainingState[] = [];
    trainLayers(net(2), data, {
      ...options,
      epochs: 2,
      shuffle: "once",
      onEpoch: (_r, s) => states.push(s),
    });
    expect(states.map((s) => s.shuffle)).toEqual(["once", "once"]);
    expect(states[0].rng).toEqual(states[1].rng); // the state every epoch starts from
    expect(states[0].rng).not.toBe(states[1].rng); // but not one shared object
    const resumeAs = (shuffle: "every-epoch" | "never" | undefined, state: LayerTrainingState) =>
      trainLayers(net(2), data, { ...options, shuffle, resume: state });
    expect(() => resumeAs("every-epoch", states[0])).toThrow(
      'trainLayers: the run to resume cut its mini-batches with shuffle "once"; resume it with that (got "every-epoch")',
    );
    let everyEpoch: LayerTrainingState | undefined;
    trainLayers(net(2), data, { ...options, epochs: 1, onEpoch: (_r, s) => (everyEpoch = s) });
    expect(everyEpoch?.shuffle).toBeUndefined(); // as states written before shuffle existed
    expect(() => resumeAs("never", everyEpoch as LayerTrainingState)).toThrow(
      /with shuffle "every-epoch"; resume it with that \(got "never"\)/,
    );
    expect(() => resumeAs(undefined, everyEpoch as LayerTrainingState)).not.toThrow();
  });

  it("refuses another value, naming the ones it takes", () => {
    expect(() =>
      trainLayers(net(1), data, { ...options, shuffle: "sometimes" as "never" }),
    ).toThrow(
      new TrainingOptionsError(
        'trainLayers: shuffle must be "every-epoch", "once", "never", got "sometimes"',
      ),
    );
  });
});
