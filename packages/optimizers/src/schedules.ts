/**
 * Learning-rate schedules: given the epoch just finished and its validation accuracy,
 * the η for the next epoch, or `stop` to end training (network2's exercise: halve η when
 * validation accuracy stops improving, stop when η has fallen to η₀/128).
 */
export type Schedule =
  | {
      /** η stays where it started (the seed's). */
      kind: "constant";
    }
  /** η ← η·factor every `every` epochs. */
  | {
      /** η ← η·factor every `every` epochs. */
      kind: "step";
      /** Epochs between changes, ≥ 1 (after epochs every−1, 2·every−1, … counting from 0). */
      every: number;
      /** What η is multiplied by at each change, e.g. 0.5 to halve it. */
      factor: number;
    }
  /** η ← η/divisor after `patience` epochs without a better validation accuracy; stop below minEta. */
  | {
      /** Watches validation accuracy: lowers η when it stalls, stops when η is small. */
      kind: "plateau";
      /** Epochs without a better validation accuracy before η is lowered (network2: 10). */
      patience: number;
      /** What η is divided by then (network2: 2). */
      divisor: number;
      /** Training stops once η falls below this (network2: η₀/128). */
      minEta: number;
    };

/** Where a schedule stands between epochs; saved in checkpoints (TrainingState.schedule). */
export interface ScheduleState {
  /** The learning rate η for the next epoch. */
  eta: number;
  /** The best validation accuracy seen so far ("plateau"); −∞ before the first epoch. */
  bestAccuracy: number;
  /** Epochs since bestAccuracy last improved ("plateau"), reset when η is lowered. */
  epochsWithoutImprovement: number;
  /** True once the schedule asks training to end ("plateau" with η below minEta). */
  stop: boolean;
}

/** The state before the first epoch: η₀ = `eta`, nothing seen yet. */
export function startSchedule(eta: number): ScheduleState {
  return { eta, bestAccuracy: Number.NEGATIVE_INFINITY, epochsWithoutImprovement: 0, stop: false };
}

/** Advances the schedule after `epoch` (0-based); `accuracy` is needed by "plateau". */
export function advanceSchedule(
  schedule: Schedule,
  state: ScheduleState,
  epoch: number,
  accuracy: number | undefined,
): ScheduleState {
  switch (schedule.kind) {
    case "constant":
      return state;
    case "step":
      return (epoch + 1) % schedule.every === 0
        ? { ...state, eta: state.eta * schedule.factor }
        : state;
    case "plateau": {
      if (accuracy === undefined) {
        throw new RangeError(
          'the "plateau" schedule needs validation data to watch; pass validation',
        );
      }
      if (accuracy > state.bestAccuracy) {
        return { ...state, bestAccuracy: accuracy, epochsWithoutImprovement: 0 };
      }
      const waited = state.epochsWithoutImprovement + 1;
      if (waited < schedule.patience) return { ...state, epochsWithoutImprovement: waited };
      const eta = state.eta / schedule.divisor;
      return { ...state, eta, epochsWithoutImprovement: 0, stop: eta < schedule.minEta };
    }
  }
}
