import type { Activation } from "@backprop/activations";
import type { DType, Rng } from "@backprop/linalg";
import { ModelFileError, NetworkShapeError } from "./errors";
import type { Padding } from "./layers/conv-geometry";
import { formatShape3, type Layer, type Shape3, shapeSize } from "./layers/layer";
import { array, describe, fail, number, object, refine, type Schema, string } from "./schema";

/**
 * What every layer record's reader (layer-record-readers.ts) checks the same way: shapes
 * and sizes in range, that a layer takes what the layer below gives, and that a parameter
 * list holds exactly the numbers the layer's shape needs, counted before any is read.
 */

/** The most numbers one sample may have at any layer (a Matrix's rows). */
export const MAX_SAMPLE = 2 ** 31 - 1;

/** A checked record: its shapes, the activation name still to resolve, and how to build it. */
export interface LayerPlan {
  /** The kind, for messages about the next layer. */
  kind: string;
  /** One output sample, computed from the record's options. */
  outputShape: Shape3;
  /** The activation name and where it is, for conv2d and dense (resolved after every shape). */
  activation?: { name: string; path: string };
  /** Builds the layer with the stored parameters (init draws from `init`, then are overwritten). */
  build(
    activation: Activation | undefined,
    context: { init: Rng; masks: Rng; dtype: DType; threads: 1 | 2 },
  ): Layer;
}

/** The layer below, as the next record is checked against it. */
export interface Previous {
  /** Its output shape. */
  shape: Shape3;
  /** "layers[1] (conv2d)", for messages. */
  where: string;
}

export const dim = number({
  integer: true,
  min: 1,
  max: MAX_SAMPLE,
  expected: "a positive integer",
});
export const shapeSchema: Schema<Shape3> = refine(
  object({ channels: dim, height: dim, width: dim }),
  (s) => shapeSize(s) <= MAX_SAMPLE,
  `{ channels, height, width } of at most ${MAX_SAMPLE} numbers in all`,
);
export const nameSchema = string({ maxLength: 200 });
export const anything: Schema<unknown> = (v) => v;
export const paddingSchema: Schema<Padding> = (value, path) =>
  value === "valid" || value === "same" || (Number.isInteger(value) && (value as number) >= 0)
    ? (value as Padding)
    : fail(path, '"valid", "same" or a whole number of zeros ≥ 0', value);

/** The factories' own checks (window fits, kernel fits), as a ModelFileError at `path`. */
export function geometry<T>(path: string, make: () => T): T {
  try {
    return make();
  } catch (error) {
    if (error instanceof NetworkShapeError)
      throw new ModelFileError(path, error.message, { cause: error });
    throw error;
  }
}

/** Throws unless the declared input shape is what the layer below gives. */
export function chain(path: string, kind: string, input: Shape3, previous: Previous | null): void {
  if (!previous) return;
  const out = previous.shape;
  if (out.channels === input.channels && out.height === input.height && out.width === input.width)
    return;
  const flat = out.height === 1 && out.width === 1;
  const message =
    kind !== "dense"
      ? `${previous.where} gives ${formatShape3(out)}, so ${kind} needs inputShape ${formatShape3(out)}; found ${formatShape3(input)}`
      : flat
        ? `${previous.where} gives ${out.channels} numbers, so dense needs inputs ${out.channels}; found ${input.channels}`
        : `${previous.where} gives ${formatShape3(out)} feature maps but dense takes a flat vector; put a flatten layer (inputShape ${formatShape3(out)}) between them`;
  throw new ModelFileError(path, message);
}

/**
 * `count` finite numbers at `path` (its last key, "weights" or "biases", names them in the
 * message), counted before any is read; `layer` says which layer needs them.
 */
export function parameters(value: unknown, path: string, count: number, layer: string): number[] {
  if (!Array.isArray(value) || value.length !== count) {
    const found = Array.isArray(value) ? String(value.length) : describe(value);
    const noun = path.endsWith("biases") ? "biases" : "weights";
    throw new ModelFileError(path, `${layer} needs ${count} ${noun}, found ${found}`);
  }
  return array(number())(value, path);
}

/** Copies stored parameters into a freshly built layer (weights, then biases). */
export function withParameters<L extends Layer>(layer: L, weights: number[], biases: number[]): L {
  layer.parameters[0].data.set(weights);
  layer.parameters[1].data.set(biases);
  return layer;
}
