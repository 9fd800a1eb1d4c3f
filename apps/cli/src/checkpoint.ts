import {
  anyObject,
  loadModel,
  type ModelFile,
  ModelFileError,
  type Network,
  object,
  oneOf,
  SchemaError,
  toModelFile,
} from "@backprop/network";
import { parseTrainingState, type TrainingState } from "@backprop/optimizers";
import { writeJsonFileAtomic } from "./io/atomic-write";
import { readJsonText } from "./io/read-file";
import { pluginAdvice } from "./model-io";
import { type TrainSettings, trainSettingsSchema } from "./train-settings";

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
  writeJsonFileAtomic(path, checkpoint, "--checkpoint");
}

const checkpointSchema = object({
  format: oneOf(["backprop-checkpoint"]),
  version: oneOf([1]),
  settings: trainSettingsSchema,
  model: anyObject,
  state: anyObject,
});

/**
 * Reads a checkpoint, checking all of it before training resumes: its settings, the model
 * (as loadModel does), and the training state against that model's sizes. Any fault is a
 * CheckpointError naming the place in the file.
 */
export function readCheckpoint(path: string): { checkpoint: Checkpoint; network: Network } {
  const parsed = readCheckpointJson(path);
  try {
    const file = checkpointSchema(parsed, "");
    const { network } = loadModel(file.model);
    const state = parseTrainingState(file.state, "state", network);
    if (state.optimizer.name !== file.settings.optimizer) {
      throw new SchemaError(
        "state.optimizer.name",
        `the optimizer of settings.optimizer, ${JSON.stringify(file.settings.optimizer)}`,
        JSON.stringify(state.optimizer.name),
      );
    }
    return { checkpoint: { ...file, model: file.model as unknown as ModelFile, state }, network };
  } catch (error) {
    throw checkpointFault(error, path);
  }
}

/** The checkpoint at `path` parsed, or a CheckpointError saying it is not JSON. */
export function readCheckpointJson(path: string): unknown {
  const text = readJsonText(path, "the checkpoint");
  try {
    return JSON.parse(text);
  } catch {
    throw new CheckpointError(
      `--resume: ${path} is not valid JSON; is it a checkpoint written by backprop train --checkpoint, and was it written completely?`,
    );
  }
}

/**
 * What to throw for a fault found while checking a checkpoint: the plugin advice for an
 * unknown name, a CheckpointError naming the place for a schema or model fault, else the
 * error itself.
 */
export function checkpointFault(error: unknown, path: string): unknown {
  const advice = pluginAdvice(error, path);
  if (advice) return advice;
  if (error instanceof SchemaError || error instanceof ModelFileError) {
    const where =
      error instanceof ModelFileError
        ? error.message.replace(/^model file, at /, "at model.")
        : `at ${error.message}`;
    return new CheckpointError(
      `--resume: ${path} is not a checkpoint this backprop can resume: ${where}`,
      { cause: error },
    );
  }
  return error;
}
