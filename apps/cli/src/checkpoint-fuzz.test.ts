import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeMoons } from "@backprop/datasets";
import { Rng } from "@backprop/linalg";
import { Network } from "@backprop/network";
import { createOptimizer, type TrainingState, train } from "@backprop/optimizers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CheckpointError, readCheckpoint, writeCheckpoint } from "./checkpoint";
import { UsageError } from "./errors";
import { resolveSettings } from "./train-settings";

/** A real checkpoint (momentum, 2 epochs), parsed, as `train --checkpoint` writes it. */
function checkpoint(folder: string): Record<string, unknown> {
  const settings = resolveSettings({ dataset: "moons", layers: [2, 3, 2], optimizer: "momentum" });
  const network = new Network({ sizes: settings.layers, seed: 1 });
  let state: TrainingState | undefined;
  train(network, makeMoons({ samples: 30, noise: 0.2, rng: new Rng(1) }), {
    epochs: 2,
    batchSize: 10,
    eta: 0.5,
    optimizer: createOptimizer("momentum"),
    onCheckpoint: (s) => {
      state = s;
    },
  });
  writeCheckpoint(join(folder, "seed.ckpt"), settings, network, state as TrainingState);
  return JSON.parse(readFileSync(join(folder, "seed.ckpt"), "utf8"));
}

describe("checkpoints from a hostile source", () => {
  it("any value anywhere replaced gives a CheckpointError (or plugin advice), nothing raw", () => {
    const folder = mkdtempSync(join(tmpdir(), "backprop-ckpt-fuzz-"));
    const valid = checkpoint(folder);
    expect(() => readCheckpoint(join(folder, "seed.ckpt"))).not.toThrow();
    const paths: (string | number)[][] = [];
    const walk = (value: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (value && typeof value === "object" && path.length < 5)
        for (const [k, v] of Object.entries(value))
          walk(v, [...path, Array.isArray(value) ? Number(k) : k]);
    };
    walk(valid, []);
    const file = join(folder, "mutated.ckpt");
    fc.assert(
      fc.property(fc.nat(paths.length - 1), fc.jsonValue({ maxDepth: 2 }), (which, value) => {
        const mutated = structuredClone(valid) as Record<string | number, unknown>;
        const path = paths[which];
        if (path.length === 0) return;
        let parent = mutated;
        for (const key of path.slice(0, -1)) parent = parent[key] as typeof parent;
        parent[path[path.length - 1]] = value;
        writeFileSync(file, JSON.stringify(mutated));
        try {
          readCheckpoint(file);
        } catch (error) {
          if (!(error instanceof UsageError)) expect(error).toBeInstanceOf(CheckpointError);
          expect((error as Error).message.length).toBeLessThan(700);
        }
      }),
      { seed: 11, numRuns: 400 },
    );
  });
});
