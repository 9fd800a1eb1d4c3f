import { makeMoons } from "@backprop/datasets";
import { Rng } from "@backprop/linalg";
import { loadModel, modelToJson, Network } from "@backprop/network";
import { describe, expect, it } from "vitest";
import { createOptimizer } from "./create-optimizer";
import { train } from "./train";
import type { TrainingState } from "./training-types";

const data = makeMoons({ samples: 203, noise: 0.2, rng: new Rng(1) }); // 203: a partial last batch
const settings = { batchSize: 10, eta: 0.05, lambda: 1, seed: 42 };

function weightsOf(network: Network): number[][] {
  return [...network.weights, ...network.biases].map((m) => Array.from(m.data));
}

describe("resuming from a training state", () => {
  it.each(["sgd", "momentum", "adam"])(
    "gives bit-identical weights to an uninterrupted run (%s)",
    (name) => {
      const straight = new Network({ sizes: [2, 6, 2], seed: 5 });
      train(straight, data, { ...settings, epochs: 6, optimizer: createOptimizer(name) });

      const first = new Network({ sizes: [2, 6, 2], seed: 5 });
      let saved: { model: string; state: TrainingState } | undefined;
      train(first, data, {
        ...settings,
        epochs: 3,
        optimizer: createOptimizer(name),
        onCheckpoint: (state) => {
          // What a checkpoint file holds, through JSON and back.
          saved = JSON.parse(JSON.stringify({ model: modelToJson(first), state }));
        },
      });
      expect(saved?.state.epoch).toBe(3);
      const { network: resumed } = loadModel(saved!.model);
      const result = train(resumed, data, {
        ...settings,
        epochs: 6,
        optimizer: createOptimizer(name),
        resume: saved!.state,
      });
      expect(result.history.map((r) => r.epoch)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(weightsOf(resumed)).toEqual(weightsOf(straight));
    },
  );
});
