import {
  array,
  boolean,
  type Network,
  nullable,
  number,
  object,
  oneOf,
  optional,
  refine,
  SchemaError,
  string,
} from "@backprop/network";
import type { TrainingState } from "./training-types";

/**
 * The checks a saved TrainingState (a checkpoint's `state`) passes before training resumes
 * from it: every field's type and range, then its fit to the network it resumes. A file
 * edited by hand or cut short gets a SchemaError naming the place ("state.history[3].epoch:
 * expected an integer ≥ 0, found -5"), never a raw TypeError from deep inside `train`.
 */

const count = number({ integer: true, min: 0, max: 2 ** 31 - 1 });
/** JSON writes ±∞ and NaN as null: an evaluation cost that overflowed reads back as null. */
const numberOrNull = nullable(number());

const evaluation = object({
  correct: count,
  total: count,
  accuracy: number({ min: 0, max: 1 }),
  cost: numberOrNull,
  confusion: optional(array(array(count))),
});

/** One epoch's record (train's EpochRecord, trainLayers' LayerEpochRecord), as saved. */
export const epochRecordSchema = object({
  epoch: count,
  eta: number(),
  seconds: number({ min: 0 }),
  samplesPerSecond: number({ min: 0 }),
  test: optional(evaluation),
  validation: optional(evaluation),
  training: optional(evaluation),
  warning: optional(object({ kind: oneOf(["collapse"]), message: string({ maxLength: 2000 }) })),
});

const flatValues = array(array(number()));

/** An Rng's saved state (Rng.getState): four words, not all zero, and the spare normal. */
export const rngStateSchema = object({
  s: refine(
    array(number({ integer: true, min: -(2 ** 31), max: 2 ** 32 - 1 }), { length: 4 }),
    (s) => s.some((v) => v !== 0),
    "4 words, not all zero (xoshiro128** cannot leave the zero state)",
  ),
  spareNormal: numberOrNull,
});

const stateShape = object({
  epoch: count,
  rng: rngStateSchema,
  optimizer: object({ name: string({ maxLength: 100 }), buffers: flatValues, t: count }),
  schedule: object({
    eta: number({ min: 0 }),
    // −∞ (no best yet) is saved as null.
    bestAccuracy: numberOrNull,
    epochsWithoutImprovement: count,
    stop: boolean,
  }),
  best: nullable(object({ accuracy: number(), epoch: count, parameters: flatValues })),
  history: array(epochRecordSchema),
});

/**
 * `value` as a TrainingState, checked whole; with `network`, also that its saved weights
 * and optimizer buffers have that network's parameter sizes (weights, then biases).
 * Throws a SchemaError (path relative to `path`, e.g. "state").
 */
export function parseTrainingState(
  value: unknown,
  path = "state",
  network?: Network,
): TrainingState {
  const state = stateShape(value, path);
  checkOneRecordPerEpoch(state, path);
  if (network) {
    const sizes = [...network.weights, ...network.biases].map((m) => m.rows * m.cols);
    if (state.best) fitsParameters(state.best.parameters, sizes, `${path}.best.parameters`, 1);
    if (state.optimizer.buffers.length > 0) {
      const perParameter = state.optimizer.buffers.length / sizes.length;
      fitsParameters(state.optimizer.buffers, sizes, `${path}.optimizer.buffers`, perParameter);
    }
  }
  return {
    ...state,
    schedule: {
      ...state.schedule,
      bestAccuracy: state.schedule.bestAccuracy ?? Number.NEGATIVE_INFINITY,
    },
  } as unknown as TrainingState;
}

/** Throws a SchemaError unless a saved state holds one history record per epoch done. */
export function checkOneRecordPerEpoch(
  state: { epoch: number; history: readonly unknown[] },
  path: string,
): void {
  if (state.history.length !== state.epoch) {
    throw new SchemaError(
      `${path}.history`,
      `one record per epoch done (${state.epoch}, from ${path}.epoch)`,
      `${state.history.length}`,
    );
  }
}

/** `lists` is `times` rounds of one list per parameter, each of that parameter's size. */
function fitsParameters(
  lists: readonly (readonly number[])[],
  sizes: readonly number[],
  path: string,
  times: number,
): void {
  const expected = `${Number.isInteger(times) ? times * sizes.length : `a multiple of ${sizes.length}`} lists (${sizes.join(", ")} values for this network's weights, then biases)`;
  const fits =
    Number.isInteger(times) &&
    lists.length === times * sizes.length &&
    lists.every((list, i) => list.length === sizes[i % sizes.length]);
  if (!fits) {
    const found = `${lists.length} lists (${lists
      .slice(0, 8)
      .map((l) => l.length)
      .join(", ")}${lists.length > 8 ? ", …" : ""} values)`;
    throw new SchemaError(path, `${expected}; was it saved for another network?`, found);
  }
}
