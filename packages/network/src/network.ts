import type { Activation, Cost } from "@backprop/activations";
import {
  getActivation,
  getCost,
  isBuiltInActivation,
  isBuiltInCost,
  quadratic,
  sigmoid,
} from "@backprop/activations";
import {
  addColumnVectorInto,
  type DType,
  flushSubnormals,
  gemmInto,
  Matrix,
  Rng,
} from "@backprop/linalg";
import { activate } from "./activation-kernels";
import { type BackpropTrace, traceBackprop } from "./backprop";
import { countCorrect } from "./count-correct";
import { NetworkShapeError } from "./errors";
import { type Gradients, zeroGradients } from "./gradients";
import { INITIALIZERS, type Initializer, initializeParameters } from "./initializers";
import { isMatrix, type Prediction, predictionsOf } from "./prediction";

/** What `new Network(options)` builds: the sizes, and what differs from the seed's defaults. */
export interface NetworkOptions {
  /** Neurons per layer, input first, as in the seed: [784, 30, 10]. */
  sizes: readonly number[];
  /** Hidden layers' activation (a name or an Activation); default "sigmoid", the seed's. */
  activation?: Activation | string;
  /** The output layer's activation; default: the same as `activation`. */
  outputActivation?: Activation | string;
  /** One activation per layer after the input; overrides the two options above. */
  activations?: readonly (Activation | string)[];
  /** Default "quadratic", the seed's. */
  cost?: Cost | string;
  /** Default "standard", the seed's N(0, 1). */
  init?: Initializer;
  /** Seed for the initial weights; default 0. Ignored when `rng` is given. */
  seed?: number;
  /** The generator to draw the initial weights from (advanced past them); overrides `seed`. */
  rng?: Rng;
  /** "float64" (default) or "float32", for every matrix of the network. */
  dtype?: DType;
  /** Extra activations and costs to resolve names with, before the registries. */
  extra?: {
    /** Activations that names may refer to without being registered (a plugin's). */
    activations?: readonly Activation[];
    /** Costs that names may refer to without being registered (a plugin's). */
    costs?: readonly Cost[];
  };
}

function resolveActivation(a: Activation | string, extra: readonly Activation[]): Activation {
  return typeof a === "string" ? getActivation(a, extra) : a;
}

function checkSizes(sizes: readonly number[]): void {
  if (!Array.isArray(sizes) || sizes.length < 2) {
    throw new NetworkShapeError(
      `Network: sizes must list at least an input and an output layer, e.g. [784, 30, 10]; got ${JSON.stringify(sizes)}`,
    );
  }
  for (const [i, n] of sizes.entries()) {
    if (!Number.isInteger(n) || n < 1) {
      throw new NetworkShapeError(`Network: sizes[${i}] must be a positive integer, got ${n}`);
    }
  }
}

/**
 * A feed-forward network, aˡ = σ(wˡaˡ⁻¹ + bˡ), with the seed's vocabulary. Layers are
 * numbered from 0 here: weights[l] connects layer l to layer l+1 (the article's wˡ⁺¹,
 * shape sizes[l+1] × sizes[l]), and biases[l] is a sizes[l+1] × 1 column vector.
 */
export class Network {
  /** Neurons per layer, input first: the seed's `sizes`, e.g. [784, 30, 10]. */
  readonly sizes: readonly number[];
  /** sizes.length, input layer included (the seed's num_layers). */
  readonly numLayers: number;
  /** weights[l]: sizes[l+1] × sizes[l], the article's wˡ⁺¹ (row j holds neuron j's weights). */
  readonly weights: Matrix[];
  /** biases[l]: sizes[l+1] × 1, the article's bˡ⁺¹. */
  readonly biases: Matrix[];
  /** activations[l] is σ of layer l+1. */
  readonly activations: Activation[];
  /** The cost C whose gradient backprop computes (BP1 starts from it). */
  readonly cost: Cost;
  /** The element type of every weight, bias and buffer: "float64" (default) or "float32". */
  readonly dtype: DType;

  /**
   * A network with weights and biases drawn by `init` from a seeded generator. Pass just
   * the sizes for the seed's network (`new Network([784, 30, 10])`: sigmoid, quadratic cost,
   * N(0, 1)). Throws a NetworkShapeError for bad sizes or a wrong number of activations.
   */
  constructor(options: NetworkOptions | readonly number[]) {
    const o: NetworkOptions = Array.isArray(options)
      ? { sizes: options }
      : (options as NetworkOptions);
    checkSizes(o.sizes);
    if (o.init !== undefined && !INITIALIZERS.includes(o.init)) {
      throw new RangeError(
        `Network: init must be one of ${INITIALIZERS.join(", ")}; got "${o.init}"`,
      );
    }
    const layers = o.sizes.length - 1;
    const extraActivations = o.extra?.activations ?? [];
    const hidden = resolveActivation(o.activation ?? sigmoid, extraActivations);
    const output = resolveActivation(o.outputActivation ?? hidden, extraActivations);
    if (o.activations && o.activations.length !== layers) {
      throw new NetworkShapeError(
        `Network: activations needs one entry per layer after the input (${layers}), got ${o.activations.length}`,
      );
    }
    this.sizes = [...o.sizes];
    this.numLayers = o.sizes.length;
    this.dtype = o.dtype ?? "float64";
    this.activations = o.activations
      ? o.activations.map((a) => resolveActivation(a, extraActivations))
      : Array.from({ length: layers }, (_, l) => (l === layers - 1 ? output : hidden));
    this.cost =
      typeof o.cost === "string" ? getCost(o.cost, o.extra?.costs) : (o.cost ?? quadratic);
    this.biases = this.sizes.slice(1).map((n) => Matrix.zeros(n, 1, this.dtype));
    this.weights = this.sizes.slice(1).map((n, l) => Matrix.zeros(n, this.sizes[l], this.dtype));
    initializeParameters(
      o.init ?? "standard",
      this.sizes,
      this.biases.map((b) => b.data),
      this.weights.map((w) => w.data),
      o.rng ?? new Rng(o.seed ?? 0),
    );
  }

  /** Checks that x has sizes[0] rows (one sample per column); names both shapes otherwise. */
  assertInput(x: Matrix, what = "input"): void {
    if (x.rows !== this.sizes[0]) {
      throw new NetworkShapeError(
        `${what} is ${x.rows}×${x.cols} but this network takes ${this.sizes[0]} inputs per sample: pass a ${this.sizes[0]}×m matrix, one sample per column`,
      );
    }
  }

  /** Checks that y has one row per output neuron and as many columns as x. */
  assertTarget(x: { cols: number }, y: Matrix): void {
    const out = this.sizes[this.numLayers - 1];
    if (y.rows !== out || y.cols !== x.cols) {
      throw new NetworkShapeError(
        `target is ${y.rows}×${y.cols} but the network has ${out} outputs and the input has ${x.cols} samples: pass a ${out}×${x.cols} matrix`,
      );
    }
  }

  /** The output for input a: one sample (sizes[0]×1) or a batch (sizes[0]×m). */
  feedforward(a: Matrix): Matrix {
    const { activations } = this.forwardPass(a);
    return activations[activations.length - 1];
  }

  /**
   * The forward pass keeping every layer (allocating): zs[l] = wˡ⁺¹aˡ + bˡ⁺¹ and
   * activations[l] = σ(zs[l]), layer l+1 of the article (the input is not repeated), as in
   * a backprop workspace. Costs want the output layer's z (see Cost.fn); a diagnosis of
   * NaN wants every layer.
   */
  forwardPass(x: Matrix): {
    /** zs[l] = wˡ⁺¹aˡ + bˡ⁺¹, sizes[l+1] × m. */
    zs: Matrix[];
    /** activations[l] = σ(zs[l]), sizes[l+1] × m; the last is the output. */
    activations: Matrix[];
  } {
    this.assertInput(x);
    const zs: Matrix[] = [];
    const activations: Matrix[] = [];
    let activation = x;
    for (let l = 0; l < this.weights.length; l++) {
      const z = Matrix.zeros(this.sizes[l + 1], x.cols, this.dtype);
      gemmInto(z, this.weights[l], activation);
      addColumnVectorInto(z, z, this.biases[l]);
      const next = Matrix.zeros(z.rows, z.cols, this.dtype);
      activate(this.activations[l], z, next);
      activation = flushSubnormals(next); // float32 only: see backprop.ts
      zs.push(z);
      activations.push(activation);
    }
    return { zs, activations };
  }

  /** The seed's `backprop(x, y)` for one sample: ∂C/∂b and ∂C/∂w of every layer. */
  backprop(x: Matrix, y: Matrix): Gradients {
    const { nablaB, nablaW } = this.trace(x, y);
    return { nablaB, nablaW };
  }

  /** Every zˡ, aˡ, δˡ and gradient of one sample: the dynamic programme's whole table. */
  trace(x: Matrix, y: Matrix): BackpropTrace {
    this.assertInput(x);
    this.assertTarget(x, y);
    if (x.cols !== 1) {
      throw new NetworkShapeError(
        `backprop and trace take one sample (a ${this.sizes[0]}×1 column), got ${x.rows}×${x.cols}; for a batch use backpropBatch`,
      );
    }
    return traceBackprop(this, x, y);
  }

  /** How many samples' argmax output equals their label (the seed's `evaluate`). */
  evaluate(x: Matrix, labels: ArrayLike<number>): number {
    if (labels.length !== x.cols) {
      throw new NetworkShapeError(`evaluate: ${x.cols} samples but ${labels.length} labels`);
    }
    return countCorrect(this.feedforward(x), labels);
  }

  /**
   * The predicted class and output activations of one sample, or of each sample of a batch:
   * feedforward, then argmax over the outputs (as `evaluate` counts them).
   *
   * - one sample: an array or typed array of sizes[0] numbers, scaled as in training (MNIST:
   *   pixels in [0, 1]) → one {@link Prediction};
   * - a batch: a sizes[0]×m Matrix, one sample per column → m Predictions, in column order
   *   (a sizes[0]×1 matrix gives an array of one).
   *
   * `outputs` are aᴸ as the output layer computed them: probabilities for softmax, one
   * independent (0, 1) score per class for sigmoid (not normalised to sum to 1).
   * Throws a NetworkShapeError when the sample is not sizes[0] long.
   */
  predict(sample: ArrayLike<number>): Prediction;
  predict(batch: Matrix): Prediction[];
  predict(input: ArrayLike<number> | Matrix): Prediction | Prediction[] {
    if (isMatrix(input)) return predictionsOf(this.feedforward(input));
    const n = this.sizes[0];
    if (input.length !== n) {
      throw new NetworkShapeError(
        `predict: the sample has ${input.length} numbers but this network takes ${n} inputs per sample: pass ${n} numbers, or a ${n}×m matrix with one sample per column`,
      );
    }
    return predictionsOf(this.feedforward(Matrix.fromFlat(n, 1, input, this.dtype)))[0];
  }

  /**
   * The mean cost over the samples (columns) of x, plus network2's L2 term
   * ½(λ/n)Σ‖w‖² when λ > 0.
   */
  totalCost(x: Matrix, y: Matrix, lambda = 0): number {
    this.assertTarget(x, y);
    const n = x.cols;
    if (n === 0) return 0;
    // The cost from the output layer's z as well as a: finite where an output saturated (Cost.fn).
    const { zs, activations } = this.forwardPass(x);
    const L = this.weights.length;
    let cost = this.cost.fn(activations[L - 1], y, zs[L - 1], this.activations[L - 1]) / n;
    if (lambda !== 0) cost += 0.5 * (lambda / n) * this.sumOfSquaredWeights();
    return cost;
  }

  /** Σ over layers of ‖w‖² (squared Frobenius norms), for L2 regularisation. */
  sumOfSquaredWeights(): number {
    let sum = 0;
    for (const w of this.weights)
      for (let i = 0; i < w.data.length; i++) sum += w.data[i] * w.data[i];
    return sum;
  }

  /**
   * Whether layer l+1's activation (activations[l]), or the cost, is the user's own (a
   * plugin's) rather than one @backprop/activations exports, judged by identity, not name:
   * error messages say whose code produced a NaN.
   */
  isUserDefined(part: number | "cost"): boolean {
    return part === "cost"
      ? !isBuiltInCost(this.cost)
      : !isBuiltInActivation(this.activations[part]);
  }

  /** Number of weights and biases. */
  parameterCount(): number {
    let count = 0;
    for (let l = 0; l < this.weights.length; l++)
      count += this.weights[l].data.length + this.biases[l].data.length;
    return count;
  }

  /** Zeroed gradient buffers shaped like this network's parameters. */
  zeroGradients(): Gradients {
    return zeroGradients(this);
  }

  /** A deep copy (same activations and cost). */
  clone(): Network {
    const copy = new Network({
      sizes: this.sizes,
      activations: this.activations,
      cost: this.cost,
      dtype: this.dtype,
    });
    for (let l = 0; l < this.weights.length; l++) {
      copy.weights[l].copyFrom(this.weights[l]);
      copy.biases[l].copyFrom(this.biases[l]);
    }
    return copy;
  }
}
