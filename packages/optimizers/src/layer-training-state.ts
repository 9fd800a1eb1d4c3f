import type { RngState } from "@backprop/linalg";
import { array, number, object, oneOf, optional } from "@backprop/network";
import type { LayerEpochRecord } from "./train-layers";
import { checkOneRecordPerEpoch, epochRecordSchema, rngStateSchema } from "./training-state-schema";

/** TrainLayersOptions.shuffle's values: the order mini-batches are cut in. */
export const SHUFFLES = ["every-epoch", "once", "never"] as const;
/** One of SHUFFLES: "every-epoch" (the seed's), "once" or "never" (network3.py's). */
export type Shuffle = (typeof SHUFFLES)[number];

/**
 * Where a {@link trainLayers} run stands after an epoch: enough, with the network's weights
 * (a layer model file), to continue it exactly (`TrainLayersOptions.resume`): the same
 * shuffles, the same records. Dropout masks come from the layers' own generator, which the
 * caller saves beside this (the CLI's checkpoint does).
 */
export interface LayerTrainingState {
  /** Epochs done; training resumes at this epoch. */
  epoch: number;
  /**
   * The shuffling generator's state after those epochs; under shuffle "once", the state
   * every epoch starts from (it draws the same order each time).
   */
  rng: RngState;
  /**
   * The order the run cuts its mini-batches in (TrainLayersOptions.shuffle); absent means
   * "every-epoch", as in states written before it could be chosen. A resume must ask for it.
   */
  shuffle?: Shuffle;
  /** One record per epoch done. */
  history: LayerEpochRecord[];
  /**
   * The generator the dropout layers draw their masks from, when the caller saves it beside
   * (trainLayers does not see it: the layers own it). Absent from onEpoch's state.
   */
  masks?: RngState;
}

const stateShape = object({
  epoch: number({ integer: true, min: 0, max: 2 ** 31 - 1 }),
  rng: rngStateSchema,
  shuffle: optional(oneOf([...SHUFFLES])),
  history: array(epochRecordSchema),
  masks: optional(rngStateSchema),
});

/**
 * `value` as a LayerTrainingState, checked whole (types, ranges, one history record per
 * epoch done, a generator state that is not all zero). Throws a SchemaError naming the
 * place relative to `path`.
 */
export function parseLayerTrainingState(value: unknown, path = "state"): LayerTrainingState {
  const state = stateShape(value, path);
  checkOneRecordPerEpoch(state, path);
  return state as unknown as LayerTrainingState;
}
