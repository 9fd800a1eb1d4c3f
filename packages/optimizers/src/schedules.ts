/**
 * Learning-rate schedules: given the epoch just finished and its validation accuracy,
 * the η for the next epoch, or `stop` to end training (network2's exercise: halve η when
 * validation accuracy stops improving, stop when η has fallen to η₀/128).
 */
export type Schedule =
  | { kind: "constant" }
  /** η ← η·factor every `every` epochs. */
  | { kind: "step"; every: number; factor: number }
  /** η ← η/divisor after `patience` epochs without a better validation accuracy; stop below minEta. */
  | { kind: "plateau"; patience: number; divisor: number; minEta: number };

export interface ScheduleState {
  eta: number;
  bestAccuracy: number;
  epochsWithoutImprovement: number;
  stop: boolean;
}

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
