import type { FloatArray, Matrix } from "@backprop/linalg";
import { InvalidDefinitionError } from "./errors";

/**
 * An activation σ, its value and derivative side by side, vectorised over a whole
 * batch: z and out are (neurons × samples) matrices, one sample per column.
 *
 * Element-wise activations (all but softmax) write out[i] = σ(z[i]) and out[i] = σ′(z[i]).
 * An activation whose Jacobian is not diagonal (softmax mixes a column) sets
 * `elementwise: false` and supplies `backward`, the product δ = J(z)ᵀ·g per column.
 */
export interface Activation {
  /** The name model files store and the registry resolves ("sigmoid", "relu", yours). */
  readonly name: string;
  /**
   * True when σ acts on each z[i] alone (a diagonal Jacobian), so backward is g ⊙ σ′(z);
   * false for softmax, which mixes a column.
   */
  readonly elementwise: boolean;
  /** a = σ(z), written into `out` (which may be `z`). */
  fn(z: Matrix, out: Matrix): void;
  /** σ′(z) element by element, into `out`. For non-element-wise activations: the diagonal of J. */
  derivative(z: Matrix, out: Matrix): void;
  /**
   * δ = ∂C/∂z from g = ∂C/∂a, into `out`: g ⊙ σ′(z) (as in BP1 and BP2) for element-wise
   * activations. `scratch` is a buffer of z's shape that `backward` may overwrite.
   */
  backward(z: Matrix, a: Matrix, g: Matrix, out: Matrix, scratch: Matrix): void;
}

/** What a user writes: functions over flat arrays, `fn` and `derivative` side by side. */
export interface ActivationDefinition {
  /**
   * The name to register it and store it in model files under: letters, digits and
   * _ . : ( ) -, starting with a letter or _ (e.g. "swish", "leakyRelu(0.1)").
   */
  name: string;
  /** out[i] = σ(z[i]) for every i. */
  fn(z: FloatArray, out: FloatArray): void;
  /** out[i] = σ′(z[i]) for every i. */
  derivative(z: FloatArray, out: FloatArray): void;
}

/**
 * Builds a frozen element-wise activation from flat-array loops; `backward` is the
 * chain rule δ = g ⊙ σ′(z) of BP1 and BP2: σ′ into the scratch buffer, then the product,
 * or `fusedBackward` (out[i] = g[i]·σ′(z[i]) in one pass, the same numbers) where given.
 */
export function elementwiseActivation(
  name: string,
  fn: (z: FloatArray, out: FloatArray) => void,
  derivative: (z: FloatArray, out: FloatArray) => void,
  fusedBackward?: (z: FloatArray, g: FloatArray, out: FloatArray) => void,
): Activation {
  return Object.freeze({
    name,
    elementwise: true,
    fn: (z: Matrix, out: Matrix) => fn(z.data, out.data),
    derivative: (z: Matrix, out: Matrix) => derivative(z.data, out.data),
    backward(z: Matrix, _a: Matrix, g: Matrix, out: Matrix, scratch: Matrix) {
      if (fusedBackward) {
        fusedBackward(z.data, g.data, out.data);
        return;
      }
      derivative(z.data, scratch.data);
      const d = scratch.data;
      const gd = g.data;
      const o = out.data;
      for (let i = 0; i < o.length; i++) o[i] = gd[i] * d[i];
    },
  });
}

const NAME = /^[A-Za-z_][\w.:()-]*$/;

export function assertValidName(kind: string, name: unknown): asserts name is string {
  if (typeof name !== "string" || !NAME.test(name)) {
    throw new InvalidDefinitionError(
      `${kind} name must be a non-empty string of letters, digits and _ . : ( ) -, starting with a letter; got ${JSON.stringify(name)}`,
    );
  }
}

/**
 * Validates a user's element-wise activation and returns it frozen, ready for
 * `registerActivation` or for passing to a network directly.
 */
export function defineActivation(definition: ActivationDefinition): Activation {
  assertValidName("activation", definition?.name);
  for (const key of ["fn", "derivative"] as const) {
    if (typeof definition[key] !== "function") {
      throw new InvalidDefinitionError(
        `activation "${definition.name}": ${key} must be a function (z: Float64Array, out: Float64Array) => void, got ${typeof definition[key]}`,
      );
    }
  }
  return elementwiseActivation(definition.name, definition.fn, definition.derivative);
}

/**
 * The scalar-form helper: write σ(x) and σ′(x) for one number, get a vectorised activation.
 * Each call costs a function call per element; built-ins are written as loops instead.
 */
export function scalarActivation(definition: {
  name: string;
  fn: (x: number) => number;
  derivative: (x: number) => number;
}): Activation {
  const f = definition.fn;
  const df = definition.derivative;
  if (typeof f !== "function" || typeof df !== "function") {
    throw new InvalidDefinitionError(
      `activation "${definition.name}": fn and derivative must be functions (x: number) => number`,
    );
  }
  return defineActivation({
    name: definition.name,
    fn(z, out) {
      for (let i = 0; i < z.length; i++) out[i] = f(z[i]);
    },
    derivative(z, out) {
      for (let i = 0; i < z.length; i++) out[i] = df(z[i]);
    },
  });
}
