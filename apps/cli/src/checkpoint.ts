import { readFileSync } from "node:fs";
import { loadModel, type ModelFile, type Network, toModelFile } from "@backprop/network";
import type { TrainingState } from "@backprop/optimizers";
import { writeFileAtomic } from "./io/atomic-write";
import type { TrainSettings } from "./train-settings";

/**
 * A checkpoint: the model, the settings it is trained with, and the full training state
 * (generator, optimizer, schedule, epoch, history), so `--resume` continues exactly.
 */
export interface Checkpoint {
  format: "backprop-checkpoint";
  version: 1;
  settings: TrainSettings;
  model: ModelFile;
  state: TrainingState;
}

export class CheckpointError extends Error {
  override readonly name = "CheckpointError";
}

/** Writes atomically: a crash mid-write leaves the previous checkpoint whole. */
export function writeCheckpoint(
  path: string,
  settings: TrainSettings,
  network: Network,
  state: TrainingState,
): void {
  const checkpoint: Checkpoint = {
    format: "backprop-checkpoint",
    version: 1,
    settings,
    model: toModelFile(network, { settings }),
    state,
  };
  writeFileAtomic(path, JSON.stringify(checkpoint));
}

export function readCheckpoint(path: string): { checkpoint: Checkpoint; network: Network } {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new CheckpointError(`--resume: cannot read ${path}: ${(error as Error).message}`);
  }
  let parsed: Partial<Checkpoint>;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CheckpointError(
      `--resume: ${path} is not valid JSON; is it a checkpoint written by backprop train --checkpoint?`,
    );
  }
  if (parsed.format !== "backprop-checkpoint" || parsed.version !== 1) {
    throw new CheckpointError(
      `--resume: ${path} is not a version-1 backprop checkpoint (format ${JSON.stringify(parsed.format)}, version ${JSON.stringify(parsed.version)})`,
    );
  }
  if (!parsed.settings || !parsed.state || typeof parsed.state.epoch !== "number") {
    throw new CheckpointError(`--resume: ${path} lacks its settings or training state`);
  }
  const { network } = loadModel(parsed.model);
  return { checkpoint: parsed as Checkpoint, network };
}
