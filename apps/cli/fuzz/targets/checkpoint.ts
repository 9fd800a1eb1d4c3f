import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeMoons } from "@backprop/datasets";
import { Rng } from "@backprop/linalg";
import { Network } from "@backprop/network";
import { createOptimizer, type TrainingState, train } from "@backprop/optimizers";
import { CheckpointError, readCheckpoint, writeCheckpoint } from "../../src/checkpoint";
import { UsageError } from "../../src/errors";
import { resolveSettings } from "../../src/train-settings";
import type { FuzzTarget } from "../target";

const folder = mkdtempSync(join(tmpdir(), "backprop-fuzz-"));
const file = join(folder, "run.ckpt");

/** A real checkpoint after two epochs, written as `train --checkpoint` writes it. */
function checkpointBytes(optimizer: "sgd" | "adam", earlyStop?: number): Uint8Array {
  const settings = resolveSettings({
    dataset: "moons",
    layers: [2, 4, 2],
    optimizer,
    epochs: 3,
    ...(earlyStop ? { earlyStop } : {}),
  });
  const network = new Network({ sizes: settings.layers, seed: 1 });
  const data = makeMoons({ samples: 40, noise: 0.2, rng: new Rng(1) });
  let state: TrainingState | undefined;
  train(network, data, {
    epochs: 2,
    batchSize: 10,
    eta: 0.5,
    optimizer: createOptimizer(optimizer),
    ...(earlyStop ? { validation: data, earlyStop: { patience: earlyStop } } : {}),
    onCheckpoint: (s) => {
      state = s;
    },
  });
  const path = join(folder, `seed-${optimizer}.ckpt`);
  writeCheckpoint(path, settings, network, state as TrainingState);
  return new Uint8Array(readFileSync(path));
}

/**
 * Checkpoints, as `train --resume` reads them (from a file). The seeds hold epoch timings,
 * so their bytes, and the counts of a run, differ a little from run to run.
 */
const target: FuzzTarget = {
  name: "checkpoint",
  seeds: () => [checkpointBytes("sgd"), checkpointBytes("adam", 3)],
  run: (input) => {
    writeFileSync(file, input);
    return readCheckpoint(file);
  },
  // UsageError: a mutated activation name, answered with "give the plugin that registers it".
  isTyped: (error) => error instanceof CheckpointError || error instanceof UsageError,
};
export default target;
