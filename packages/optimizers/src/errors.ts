/**
 * Training produced a non-finite cost or parameter: η is usually too large. The weights
 * are left as they were when it was found; a checkpoint written before is untouched.
 */
export class DivergenceError extends Error {
  override readonly name = "DivergenceError";
  constructor(
    readonly epoch: number,
    readonly batch: number,
    /** Where the first non-finite value is: "weights[0]" (layer 1's weights), or "the test cost". */
    readonly parameter: string,
    readonly eta: number,
  ) {
    super(
      `training diverged in epoch ${epoch}, batch ${batch}: ${parameter} became NaN or ±Infinity. ` +
        `The learning rate η = ${eta} is probably too large; try η = ${eta / 10}.`,
    );
  }
}

/** A training option that cannot work (a bad value, or one that contradicts the data or a resumed state). */
export class TrainingOptionsError extends RangeError {
  override readonly name = "TrainingOptionsError";
}
