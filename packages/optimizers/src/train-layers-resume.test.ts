import { ClassificationData } from "@backprop/datasets";
import { Rng } from "@backprop/linalg";
import {
  conv2d,
  dense,
  dropout,
  flatten,
  LayerNetwork,
  layerModelToJson,
  loadLayerModel,
  maxPool,
  SchemaError,
} from "@backprop/network";
import { describe, expect, it } from "vitest";
import { TrainingOptionsError } from "./errors";
import { type LayerTrainingState, parseLayerTrainingState } from "./layer-training-state";
import { type LayerEpochRecord, trainLayers } from "./train-layers";

/** 6×6 byte images: a bright left half (label 0) or right half (label 1), with noise. */
function halves(count: number, seed: number): ClassificationData {
  const rng = new Rng(seed);
  const inputs = new Uint8Array(count * 36);
  const labels = new Uint8Array(count);
  for (let s = 0; s < count; s++) {
    labels[s] = rng.uniform() < 0.5 ? 0 : 1;
    for (let i = 0; i < 36; i++) {
      const left = i % 6 < 3;
      inputs[s * 36 + i] = (left === (labels[s] === 0) ? 150 : 0) + rng.integer(100);
    }
  }
  return new ClassificationData({ inputs, labels, features: 36, classes: 2, sampleShape: [6, 6] });
}

/** conv → pool → flatten → dropout → softmax, its weights then its masks from `rng`. */
function net(rng: Rng): LayerNetwork {
  const conv = conv2d({
    inputShape: { channels: 1, height: 6, width: 6 },
    filters: 3,
    kernelSize: 3,
    activation: "relu",
    rng,
  });
  const pool = maxPool({ inputShape: conv.outputShape, size: 2 });
  const flat = flatten({ inputShape: pool.outputShape });
  const drop = dropout({ inputShape: flat.outputShape, rate: 0.3, mode: "inverted", rng });
  const out = dense({ inputs: 12, outputs: 2, activation: "softmax", init: "xavier", rng });
  return new LayerNetwork({ layers: [conv, pool, flat, drop, out], cost: "logLikelihood" });
}

const weights = (n: LayerNetwork) =>
  n.layers.flatMap((l) => l.parameters.map((p) => Array.from(p.data)));
const withoutTimes = (h: LayerEpochRecord[]) =>
  h.map(({ seconds: _s, samplesPerSecond: _r, ...rest }) => rest);

describe("trainLayers resume", () => {
  const data = halves(120, 1);
  const test = halves(40, 2);
  const options = { epochs: 4, batchSize: 10, eta: 0.05, lambda: 0.1, seed: 3, test };

  it("continues from a saved state (through JSON) to the weights and records of one straight run", () => {
    const straight = net(new Rng(7));
    const full = trainLayers(straight, data, options);

    // Two epochs, then everything to disk: the model file, the state, the masks' generator.
    const masks = new Rng(7);
    const first = net(masks);
    let saved = "";
    trainLayers(first, data, {
      ...options,
      epochs: 2,
      onEpoch: (_record, state) => {
        saved = JSON.stringify({
          model: layerModelToJson(first),
          state,
          masks: masks.getState(),
        });
      },
    });
    const file = JSON.parse(saved);
    const state = parseLayerTrainingState(file.state);
    expect(state.epoch).toBe(2);
    const { network } = loadLayerModel(file.model, { rng: Rng.fromState(file.masks) });
    const resumed = trainLayers(network, data, { ...options, resume: state });

    expect(weights(network)).toEqual(weights(straight));
    expect(withoutTimes(resumed.history)).toEqual(withoutTimes(full.history));
    expect(resumed.bestEpoch).toBe(full.bestEpoch);
    expect(weights(network)).not.toEqual(weights(net(new Rng(7)))); // training moved them
  });

  it("refuses a state with more epochs than asked for, and a state that lost records", () => {
    const network = net(new Rng(1));
    let state: LayerTrainingState | undefined;
    trainLayers(network, data, { ...options, epochs: 3, onEpoch: (_r, s) => (state = s) });
    const done = state as LayerTrainingState;
    expect(() => trainLayers(network, data, { ...options, epochs: 2, resume: done })).toThrow(
      TrainingOptionsError,
    );
    const cut = JSON.parse(JSON.stringify({ ...done, history: done.history.slice(1) }));
    expect(() => parseLayerTrainingState(cut)).toThrow(SchemaError);
    expect(() => parseLayerTrainingState(cut)).toThrow(
      /state.history: expected one record per epoch done \(3/,
    );
    const zero = JSON.parse(
      JSON.stringify({ ...done, rng: { s: [0, 0, 0, 0], spareNormal: null } }),
    );
    expect(() => parseLayerTrainingState(zero)).toThrow(/state.rng.s/);
  });
});
