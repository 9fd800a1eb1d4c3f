/*
 * The errors training throws. A DivergenceError carries a diagnosis of what went NaN or ±∞
 * first (divergence.ts: its vocabulary; diagnose-update.ts and diagnose-evaluation.ts: the
 * scans that find it).
 */
import type { DivergenceDiagnosis, DivergenceSource } from "./divergence";

/** The message's second half: what to do, given what went wrong. */
function advice(d: DivergenceDiagnosis, eta: number): string {
  switch (d.source) {
    case "data":
      return "The data is at fault, not η: remove or repair samples that hold NaN or ±Infinity.";
    case "activation":
      return (
        "The activation is at fault, not η: its fn and derivative must be finite for every finite z " +
        "(checkActivationDerivative(activation) tests them from −1000 to 1000)."
      );
    case "cost":
      if (d.setting === "lambda") return "λ is too large.";
      return d.userDefined
        ? "The cost is at fault, not η: its value and δᴸ must be finite for every output the network can give."
        : "The cost is at fault, not η: use an output activation whose outputs it accepts " +
            "(in [0, 1] for crossEntropy and logLikelihood: sigmoid or softmax).";
    case "weights":
      return d.setting === "lambda"
        ? ""
        : `The learning rate η = ${eta} is probably too large; try η = ${eta / 10}.`;
  }
}

/**
 * Training produced a non-finite value. Thrown by the divergence guard, which costs nothing
 * while training goes well (the optimizer checks finiteness in its update loop; evaluation
 * checks its costs); only then does a diagnosis look for what went NaN or ±∞ first, so the
 * message blames η only when the weights blew up from finite data, activations and costs.
 * The weights are left as they were when it was found; a checkpoint written before is untouched.
 */
export class DivergenceError extends Error {
  /** "DivergenceError", for `error.name` checks and logs. */
  override readonly name = "DivergenceError";
  /** What went non-finite first: "data", "activation", "cost" or "weights". */
  readonly source: DivergenceSource;
  /** Where the first non-finite value is (see DivergenceDiagnosis.parameter). */
  readonly parameter: string;
  /** The training option to change ("eta" or "lambda"), or undefined when neither is at fault. */
  readonly setting: "eta" | "lambda" | undefined;
  /** The activation's or cost's name when one of them is the source. */
  readonly culprit: string | undefined;
  /** Whether that activation or cost is the user's own (a plugin's) rather than a built-in. */
  readonly userDefined: boolean;
  /** The sample's index in the data set, when one sample is to blame. */
  readonly sample: number | undefined;

  constructor(
    /** The epoch it happened in, from 0 as the seed prints them. */
    readonly epoch: number,
    /** Mini-batches of that epoch run when it was found, from 1 (the failing update included). */
    readonly batch: number,
    diagnosis: DivergenceDiagnosis,
    /** The learning rate η in use at the time. */
    readonly eta: number,
  ) {
    const advised = advice(diagnosis, eta);
    super(
      `training diverged in epoch ${epoch}, batch ${batch}: ${diagnosis.detail}.${advised ? ` ${advised}` : ""}`,
    );
    this.source = diagnosis.source;
    this.parameter = diagnosis.parameter;
    this.setting = diagnosis.setting;
    this.culprit = diagnosis.culprit;
    this.userDefined = diagnosis.userDefined ?? false;
    this.sample = diagnosis.sample;
  }
}

/** A training option that cannot work (a bad value, or one that contradicts the data or a resumed state). */
export class TrainingOptionsError extends RangeError {
  /** "TrainingOptionsError", for `error.name` checks and logs (it is also a RangeError). */
  override readonly name = "TrainingOptionsError";
}
