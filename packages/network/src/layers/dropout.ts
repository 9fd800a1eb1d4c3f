import type { Matrix, Rng } from "@backprop/linalg";
import { NetworkShapeError } from "../errors";
import {
  assertDeltaShape,
  assertRows,
  checkShape3,
  type Layer,
  memo,
  reuse,
  type Shape3,
} from "./layer";

/**
 * How dropout keeps the expected input of the next layer the same in training and at test:
 * - "scale-at-test" (network3.py): training passes kept units unchanged (mask 0/1); at test
 *   every unit is multiplied by (1 − rate), the fraction kept. network3 multiplies w·x by
 *   (1 − p_dropout) in the layer after the dropout, which is the same thing.
 * - "inverted" (PyTorch, Keras): training multiplies kept units by 1/(1 − rate); at test the
 *   layer is the identity, so a trained model needs no dropout-aware scaling.
 */
export type DropoutMode = "inverted" | "scale-at-test";

/** What {@link dropout} builds. */
export interface DropoutOptions {
  /** One input sample's shape (the output has the same). */
  inputShape: Shape3;
  /** p: the probability that a unit is dropped in training, 0 ≤ p < 1 (network3's p_dropout). */
  rate: number;
  /** See DropoutMode. */
  mode: DropoutMode;
  /** Draws the masks: the same seed gives the same masks, run after run. */
  rng: Rng;
}

/** A dropout layer; `fixMask` pins the training mask (for gradient checks and replays). */
export interface DropoutLayer extends Layer {
  /** p, the drop probability. */
  readonly rate: number;
  /** How the kept units are scaled (see DropoutMode). */
  readonly mode: DropoutMode;
  /**
   * Use this 0/1 mask ((C·H·W) × m, 1 = kept) in every training forward pass instead of
   * drawing new ones; null goes back to drawing. The scaling of `mode` still applies.
   */
  fixMask(mask: Matrix | null): void;
}

/**
 * Dropout: in training, out = x ⊙ mask·scale with mask ~ Bernoulli(1 − p) per unit and
 * sample, and scale 1 ("scale-at-test") or 1/(1 − p) ("inverted"); not in training, out =
 * x·(1 − p) ("scale-at-test") or x ("inverted"). The mask is the memo: backward gives
 * ∂C/∂x = ∂C/∂out ⊙ mask·scale (dropped units get no gradient). No parameters.
 */
export function dropout(options: DropoutOptions): DropoutLayer {
  const inputShape = checkShape3("dropout", options.inputShape);
  const { rate, mode, rng } = options;
  if (typeof rate !== "number" || !(rate >= 0 && rate < 1)) {
    throw new NetworkShapeError(`dropout: rate must be a number in [0, 1), got ${rate}`);
  }
  if (mode !== "inverted" && mode !== "scale-at-test") {
    throw new NetworkShapeError(
      `dropout: mode must be "inverted" or "scale-at-test", got ${JSON.stringify(mode)}`,
    );
  }
  const keep = 1 - rate;
  const trainingScale = mode === "inverted" ? 1 / keep : 1;
  let fixed: Matrix | null = null;
  let factors: Matrix | null = null; // mask·scale of the last forward pass (training), or the test factor
  let out: Matrix | null = null;
  let deltaIn: Matrix | null = null;
  return {
    kind: "dropout",
    inputShape,
    outputShape: inputShape,
    parameters: [],
    gradients: [],
    rate,
    mode,
    fixMask(mask: Matrix | null): void {
      if (mask) assertRows("dropout: the mask", mask, inputShape);
      fixed = mask;
    },
    forward(input: Matrix, training: boolean): Matrix {
      assertRows("dropout: the input", input, inputShape);
      const f = reuse(factors, input.rows, input.cols, input.dtype);
      if (!training) {
        f.fill(mode === "inverted" ? 1 : keep);
      } else if (fixed) {
        if (fixed.cols !== input.cols) {
          throw new NetworkShapeError(
            `dropout: the fixed mask has ${fixed.cols} columns but the batch has ${input.cols} samples; fix a mask per batch size`,
          );
        }
        for (let i = 0; i < f.data.length; i++) f.data[i] = fixed.data[i] === 0 ? 0 : trainingScale;
      } else {
        for (let i = 0; i < f.data.length; i++)
          f.data[i] = rng.uniform() < keep ? trainingScale : 0;
      }
      factors = f;
      const y = reuse(out, input.rows, input.cols, input.dtype);
      out = y;
      for (let i = 0; i < y.data.length; i++) y.data[i] = input.data[i] * f.data[i];
      return y;
    },
    backward(deltaOut: Matrix): Matrix {
      const f = memo("dropout", factors);
      assertDeltaShape("dropout", deltaOut, f.rows, f.cols);
      const d = reuse(deltaIn, f.rows, f.cols, deltaOut.dtype);
      deltaIn = d;
      for (let i = 0; i < f.data.length; i++) d.data[i] = deltaOut.data[i] * f.data[i];
      return d;
    },
  };
}
