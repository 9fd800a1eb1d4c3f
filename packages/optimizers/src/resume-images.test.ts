import { ClassificationData } from "@backprop/datasets";
import { Rng } from "@backprop/linalg";
import { loadModel, modelToJson, Network } from "@backprop/network";
import { describe, expect, it } from "vitest";
import { createOptimizer } from "./create-optimizer";
import { DivergenceError } from "./errors";
import { train } from "./train";
import type { TrainingState } from "./training-types";

/** 203 random 7×7 byte images (a partial last batch), about 70% zeros, 3 classes. */
function images(): ClassificationData {
  const rng = new Rng(1);
  const inputs = new Uint8Array(203 * 49);
  for (let i = 0; i < inputs.length; i++) if (rng.uniform() < 0.3) inputs[i] = 1 + rng.integer(255);
  return new ClassificationData({
    inputs,
    labels: Uint8Array.from({ length: 203 }, () => rng.integer(3)),
    features: 49,
    classes: 3,
  });
}

const data = images();

function weightsOf(network: Network): number[][] {
  return [...network.weights, ...network.biases].map((m) => Array.from(m.data));
}

describe("image data: resuming and float32 through the first-layer strategies", () => {
  // Optimizer state is saved in the model's layout, whatever the kernels keep inside, so a
  // checkpoint resumes on other kernels (WebAssembly on two threads, or plain JS) and
  // continues exactly as the run that never stopped.
  it.each([
    ["momentum", "auto", 2, "auto", 2],
    ["momentum", "auto", 2, "js", 1],
    ["adam", "auto", 2, "js", 1],
    ["adam", "js", 1, "auto", 2],
    ["nesterov", "js", 1, "auto", 1],
  ] as const)(
    "%s: a checkpoint written with %s kernels on %i thread(s) resumes with %s on %i, bit-identically",
    (optimizer, writer, writerThreads, reader, readerThreads) => {
      const settings = {
        batchSize: 10,
        eta: optimizer === "adam" ? 0.01 : 0.5,
        lambda: 1,
        seed: 3,
      };
      const sizes = [49, 40, 3]; // 40 hidden: two panels in float64, one per thread
      const straight = new Network({ sizes, seed: 5 });
      train(straight, data, { ...settings, epochs: 4, optimizer: createOptimizer(optimizer) });
      const first = new Network({ sizes, seed: 5 });
      let saved: { model: string; state: TrainingState } | undefined;
      train(first, data, {
        ...settings,
        kernels: writer,
        threads: writerThreads,
        epochs: 2,
        optimizer: createOptimizer(optimizer),
        onCheckpoint: (state) => {
          saved = JSON.parse(JSON.stringify({ model: modelToJson(first), state }));
        },
      });
      // the state is in the model's layout: one value per weight, no padding
      expect(saved!.state.optimizer.buffers[0]).toHaveLength(49 * 40);
      const { network } = loadModel(saved!.model);
      train(network, data, {
        ...settings,
        kernels: reader,
        threads: readerThreads,
        epochs: 4,
        optimizer: createOptimizer(optimizer),
        resume: saved!.state,
      });
      expect(weightsOf(network)).toEqual(weightsOf(straight));
      expect(() => train(network, data, { ...settings, epochs: 2, resume: saved!.state })).toThrow(
        /ask for more than 2, got 2/,
      );
    },
  );

  it("trains a float32 network on images to the float64 result within float32 precision", () => {
    const run = (dtype: "float32" | "float64") => {
      const network = new Network({ sizes: [49, 6, 3], seed: 5, dtype });
      train(network, data, { batchSize: 10, eta: 0.5, epochs: 3, seed: 3 });
      return weightsOf(network);
    };
    const single = run("float32");
    const double = run("float64");
    let worst = 0;
    for (let l = 0; l < single.length; l++)
      for (let i = 0; i < single[l].length; i++)
        worst = Math.max(worst, Math.abs(single[l][i] - double[l][i]));
    expect(worst).toBeLessThan(1e-4);
  });

  it("notices a float32 overflow to ±∞ at once", () => {
    const network = new Network({
      sizes: [49, 6, 3],
      seed: 5,
      dtype: "float32",
      activation: "identity",
    });
    expect(() => train(network, data, { batchSize: 10, eta: 1e30, epochs: 1 })).toThrow(
      DivergenceError,
    );
  });

  it("network.weights[0] is current after a run stopped by an exception in a callback", () => {
    const network = new Network({ sizes: [49, 6, 3], seed: 5 });
    const start = Array.from(network.weights[0].data);
    expect(() =>
      train(network, data, {
        batchSize: 10,
        eta: 0.5,
        epochs: 1,
        kernels: "auto",
        onBatch: (p) => {
          if (p.batch === 3) throw new Error("stop here");
        },
      }),
    ).toThrow("stop here");
    expect(Array.from(network.weights[0].data)).not.toEqual(start);
  });
});
