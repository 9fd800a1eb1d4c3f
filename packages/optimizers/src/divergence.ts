/*
 * The vocabulary of a divergence diagnosis, and the scans both diagnoses share
 * (diagnoseUpdate, from the memo backprop left, in diagnose-update.ts; diagnoseEvaluation
 * in diagnose-evaluation.ts). DivergenceError (errors.ts) reports what they find.
 */
import type { Regularization } from "./regularization";

/**
 * What went NaN or ±∞ first when training diverged:
 *   "data"        the batch's inputs or targets held it before any arithmetic
 *   "activation"  an activation (or its derivative) turned a finite z into it
 *   "cost"        the cost (its value or BP1's δᴸ) turned finite outputs into it
 *   "weights"     everything the update was computed from was finite, but the weights grew
 *                 until they (or z = wa + b, or a gradient) overflowed: η, or λ, too large
 */
export type DivergenceSource = "data" | "weights" | "activation" | "cost";

/** The findings a DivergenceError reports (see diagnoseUpdate and diagnoseEvaluation). */
export interface DivergenceDiagnosis {
  /** What went non-finite first: the data, an activation, the cost, or the weights (η or λ). */
  source: DivergenceSource;
  /**
   * Where the first non-finite value is, in the model's notation: "weights[1]", "biases[0]",
   * "inputs[5]" or "targets[2]" (a row of one sample), "activations[1]" (layer 2's
   * activation), "the output error δᴸ", "the test cost".
   */
  parameter: string;
  /** The training option to change, when one is at fault: "eta", or "lambda" when the weight decay itself grows the weights. */
  setting?: "eta" | "lambda";
  /** The activation's or cost's name, for sources "activation" and "cost". */
  culprit?: string;
  /** Whether that activation or cost is the user's own (a plugin's), not one @backprop/activations exports. */
  userDefined?: boolean;
  /** The sample it was found in: its index in the data set, or its column in a mini-batch given to updateMiniBatch without `samples`. */
  sample?: number;
  /** What was found, as a clause for the message: "sample 17 of the training data has inputs[5] = NaN". */
  detail: string;
}

/** η, λ and what λ is scaled by: what blameTheStep weighs. */
export interface StepSettings {
  eta: number;
  lambda: number;
  /** n, the training set's size. */
  trainingSize: number;
  regularization: Regularization;
}

/** How a diagnosis names a batch's column: by its data set index when known. */
export interface SampleNames {
  /** Batch.indices: the data set's index of each column. */
  samples?: ArrayLike<number>;
  /** "training", "test", "validation". */
  data: string;
}

/** Column `column` of a batch: its data set index (or the column) and how to say it. */
export function sampleAt(column: number, where: SampleNames): { sample: number; label: string } {
  if (!where.samples) return { sample: column, label: `column ${column} of the mini-batch` };
  const sample = where.samples[column];
  return { sample, label: `sample ${sample} of the ${where.data} data` };
}

/** The first NaN or ±∞ of a (rows × samples) matrix in sample order: column by column, then row. */
export function firstNonFiniteEntry(m: {
  rows: number;
  cols: number;
  data: ArrayLike<number>;
}): { row: number; column: number; value: number } | undefined {
  const { rows, cols, data } = m;
  for (let j = 0; j < cols; j++) {
    for (let i = 0; i < rows; i++) {
      const value = data[i * cols + j];
      if (!Number.isFinite(value)) return { row: i, column: j, value };
    }
  }
  return undefined;
}

/**
 * Something overflowed although the data, the activations and the cost gave finite values:
 * the weights grew too large. λ is at fault if the weight decay alone grows them (L2
 * multiplies them by 1 − ηλ/n each step, which grows them outside [−1, 1]; L1 moves each
 * by ηλ/n, far too much from 1 on), else η. `subject` says what went non-finite
 * ("weights[1] became NaN or ±Infinity"), `why` how.
 */
export function blameTheStep(
  parameter: string,
  subject: string,
  why: string,
  step: StepSettings,
): DivergenceDiagnosis {
  const { eta, lambda, trainingSize: n, regularization } = step;
  const rate = eta * (lambda / n);
  const l2 = regularization === "l2";
  if (lambda > 0 && (l2 ? !(Math.abs(1 - rate) <= 1) : !(rate < 1))) {
    const effect = l2
      ? `each step multiplies the weights by 1 − ηλ/n = ${1 - rate}, which grows them unless it lies in [−1, 1]`
      : `each step moves every weight by ηλ/n = ${rate}`;
    return {
      source: "weights",
      parameter,
      setting: "lambda",
      detail:
        `${subject} (${why}). The weight decay is at fault, not η: ${effect} ` +
        `(η = ${eta}, λ = ${lambda}, n = ${n}); choose λ below ${((l2 ? 2 : 1) * n) / eta}`,
    };
  }
  return { source: "weights", parameter, setting: "eta", detail: `${subject} (${why})` };
}
