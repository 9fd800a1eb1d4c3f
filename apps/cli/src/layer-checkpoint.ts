import { Rng } from "@backprop/linalg";
import {
  anyObject,
  type LayerModelFile,
  type LayerNetwork,
  loadLayerModel,
  object,
  oneOf,
  SchemaError,
  toLayerModelFile,
} from "@backprop/network";
import { type LayerTrainingState, parseLayerTrainingState } from "@backprop/optimizers";
import { checkpointFault, readCheckpointJson } from "./checkpoint";
import { writeJsonFileAtomic } from "./io/atomic-write";
import { readJsonText } from "./io/read-file";
import { type LayerTrainSettings, layerTrainSettingsSchema } from "./train-settings";

/**
 * A layer network's checkpoint (version 2; version 1 holds size-list networks): the model
 * file, the settings, and the training state (epochs done, the shuffling generator, the
 * records, and the generator the dropout layers draw their masks from), so `--resume`
 * continues exactly: the same weights as one run straight through.
 */
export interface LayerCheckpoint {
  format: "backprop-checkpoint";
  version: 2;
  settings: LayerTrainSettings;
  model: LayerModelFile;
  state: LayerTrainingState;
}

/**
 * Writes atomically after an epoch: a crash mid-write leaves the previous checkpoint whole.
 * The JSON goes to the file in pieces, never whole in memory (json-pieces.ts).
 */
export function writeLayerCheckpoint(
  path: string,
  settings: LayerTrainSettings,
  network: LayerNetwork,
  state: LayerTrainingState,
  masks: Rng,
): void {
  const checkpoint: LayerCheckpoint = {
    format: "backprop-checkpoint",
    version: 2,
    settings,
    model: toLayerModelFile(network, { settings }),
    state: { ...state, masks: masks.getState() },
  };
  writeJsonFileAtomic(path, checkpoint, "--checkpoint");
}

/**
 * Whether the checkpoint at `path` is a layer network's (version 2), read from its first
 * bytes as we write them ({"format":…,"version":2,…}); a file that says otherwise goes to
 * the size-list reader, which checks it whole (and reports a file it cannot read).
 */
export function isLayerCheckpoint(path: string): boolean {
  let head: string;
  try {
    head = readJsonText(path, "the checkpoint").slice(0, 200);
  } catch {
    return false; // unreadable: the size-list reader reports why, as it always has
  }
  return /^\{"format":"backprop-checkpoint","version":2,/.test(head);
}

const checkpointSchema = object({
  format: oneOf(["backprop-checkpoint"]),
  version: oneOf([2]),
  settings: layerTrainSettingsSchema,
  model: anyObject,
  state: anyObject,
});

/**
 * Reads a layer checkpoint, checking all of it before training resumes: settings, the model
 * (as loadLayerModel does, its dropout layers drawing from the saved masks generator), and
 * the training state. Any fault is a CheckpointError naming the place in the file.
 */
export function readLayerCheckpoint(
  path: string,
  threads: 1 | 2,
): { checkpoint: LayerCheckpoint; network: LayerNetwork; masks: Rng } {
  const parsed = readCheckpointJson(path);
  try {
    const file = checkpointSchema(parsed, "");
    const state = parseLayerTrainingState(file.state, "state");
    if (!state.masks) throw new SchemaError("state.masks", "the dropout masks' generator", "none");
    const masks = Rng.fromState(state.masks);
    const { network } = loadLayerModel(file.model, { rng: masks, threads });
    const checkpoint = { ...file, model: file.model as unknown as LayerModelFile, state };
    return { checkpoint, network, masks };
  } catch (error) {
    throw checkpointFault(error, path);
  }
}
