/**
 * A network as a stack of layers (the book's chapter 6, network3.py), trained by the
 * same dynamic programme as the seed. Each layer keeps its memo in forward (x, z, a, the
 * patches of a convolution, where a pooling maximum was) and, walking back, maps ∂C/∂a of
 * its output to ∂C/∂a of its input, filling its parameters' gradients on the way:
 *
 *   BP1  δᴸ = ∇ₐC ⊙ σ′(zᴸ)        the cost's `delta` on the last layer's z and a, as the
 *                                  seed (a − y for softmax + log-likelihood and for
 *                                  sigmoid + cross-entropy). Needs the last layer to be an
 *                                  ActivatedLayer (dense, conv2d); after any other layer
 *                                  ∇ₐC (the cost's `derivative`) goes into its `backward`.
 *   BP2  δˡ = ((wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ σ′(zˡ), generalised: layer l+1 maps δ of its output to
 *        ∂C/∂aˡ (dense: (wˡ⁺¹)ᵀδˡ⁺¹; conv2d: the full correlation of δ with the flipped
 *        kernels; maxPool: δ routed to where the maximum was; avgPool: δ spread evenly;
 *        flatten: unchanged; dropout: δ ⊙ mask), and layer l applies its own ⊙ σ′(zˡ).
 *   BP3  ∂C/∂bˡ = δˡ, summed over the batch (conv2d: and over the positions a filter visits)
 *   BP4  ∂C/∂wˡ = δˡ (aˡ⁻¹)ᵀ (conv2d: the correlation of its input with δˡ, δ·colsᵀ)
 *
 * This loop (`backprop`) is the only place that walks the layers backwards.
 */
import { type Cost, getCost, quadratic } from "@backprop/activations";
import { argmaxColumnsInto, type DType, Matrix, sgdStepInto } from "@backprop/linalg";
import { countCorrect } from "../count-correct";
import { NetworkShapeError } from "../errors";
import { formatShape3, isActivatedLayer, type Layer, reuse, shapeSize } from "./layer";

/** What `new LayerNetwork(options)` takes. */
export interface LayerNetworkOptions {
  /** The layers, input side first; each one's inputShape must equal the previous outputShape. */
  layers: readonly Layer[];
  /** The cost C (an object or a registered name); default "quadratic", the seed's. */
  cost?: Cost | string;
}

/** What {@link LayerNetwork.measure} finds in one forward pass over a batch. */
export interface BatchMeasurement {
  /** C summed over the batch's samples. */
  cost: number;
  /** Samples whose argmax output equals their label (0 when no labels were given). */
  correct: number;
}

/** A stack of layers with the seed's vocabulary: feedforward, backprop, updateMiniBatch, evaluate. */
export class LayerNetwork {
  /** The layers, input side first. */
  readonly layers: readonly Layer[];
  /** The cost whose gradient backprop computes (BP1 starts from it). */
  readonly cost: Cost;
  /** The parameters' element type; batches of another type are converted on the way in. */
  readonly dtype: DType;
  // δᴸ (or ∇ₐC) and the cost's scratch, one pair per batch size.
  private deltaL: Matrix | null = null;
  private costScratch: Matrix | null = null;

  /** Checks that consecutive shapes match; throws a NetworkShapeError naming both otherwise. */
  constructor(options: LayerNetworkOptions) {
    const layers = options.layers;
    if (!Array.isArray(layers) || layers.length === 0) {
      throw new NetworkShapeError("LayerNetwork: layers must be a non-empty array of layers");
    }
    for (let l = 1; l < layers.length; l++) {
      const out = layers[l - 1].outputShape;
      const inp = layers[l].inputShape;
      if (out.channels !== inp.channels || out.height !== inp.height || out.width !== inp.width) {
        throw new NetworkShapeError(
          `LayerNetwork: layer ${l - 1} (${layers[l - 1].kind}) gives ${formatShape3(out)} but layer ${l} (${layers[l].kind}) takes ${formatShape3(inp)}; put a flatten between feature maps and a dense layer, or fix the sizes`,
        );
      }
    }
    const dtypes = new Set(layers.flatMap((layer: Layer) => layer.parameters.map((p) => p.dtype)));
    if (dtypes.size > 1) {
      throw new NetworkShapeError(
        "LayerNetwork: some layers hold float32 parameters and some float64; build every layer with the same dtype",
      );
    }
    this.dtype = dtypes.has("float32") ? "float32" : "float64";
    this.layers = [...layers];
    this.cost =
      typeof options.cost === "string" ? getCost(options.cost) : (options.cost ?? quadratic);
  }

  /**
   * The output for a batch x (input rows × m, one sample per column), a new matrix;
   * `training` turns dropout on.
   */
  feedforward(x: Matrix, training = false): Matrix {
    return this.forwardPass(x, training).clone();
  }

  /**
   * ∂C/∂parameter of every layer for the batch (x, y), C summed over the samples (the seed's
   * nabla after its loop over the mini-batch). Returns each layer's `gradients` array (the
   * layers own them; the next backprop overwrites them). Dropout is on (training).
   */
  backprop(x: Matrix, y: Matrix): Matrix[][] {
    const output = this.forwardPass(x, true);
    this.assertTarget(output, y);
    const last = this.layers[this.layers.length - 1];
    const deltaL = reuse(this.deltaL, output.rows, output.cols, output.dtype);
    const scratch = reuse(this.costScratch, output.rows, output.cols, output.dtype);
    this.deltaL = deltaL;
    this.costScratch = scratch;
    const only = this.layers.length === 1; // then nothing below needs δ of the input
    let delta: Matrix | null;
    if (isActivatedLayer(last) && last.z && last.a) {
      this.cost.delta(last.z, last.a, this.asDtype(y), last.activation, deltaL, scratch); // BP1
      delta = last.backwardFromZ(deltaL, !only);
    } else {
      this.cost.derivative(output, this.asDtype(y), deltaL); // ∇ₐC
      delta = last.backward(deltaL, !only);
    }
    for (let l = this.layers.length - 2; l >= 0; l--) {
      // BP2; the first layer need not compute δ of the network's input.
      delta = this.layers[l].backward(this.deltaFrom(l + 1, delta), l > 0);
    }
    return this.layers.map((layer) => layer.gradients);
  }

  /**
   * Threads for every layer's matrix products from now on (layers without products ignore
   * it). Results are bit-identical either way; trainLayers' `threads: "auto"` calls this
   * per batch with what it measures faster.
   */
  setThreads(threads: 1 | 2): void {
    for (const layer of this.layers) layer.setThreads?.(threads);
  }

  /** The seed's update_mini_batch: backprop, then w ← w − (η/m)·∂C/∂w for every parameter. */
  updateMiniBatch(x: Matrix, y: Matrix, eta: number): void {
    this.sgdStep(this.backprop(x, y), eta / x.cols);
  }

  /**
   * p ← p − rate·g for every parameter p and its gradient g from `backprop` (the seed's step
   * with rate = η/m), in place; large layers' run in their parameter arena.
   */
  sgdStep(gradients: Matrix[][], rate: number): void {
    const counts = this.layers.map((layer) => layer.parameters.length);
    if (gradients.length !== counts.length || gradients.some((g, l) => g.length !== counts[l])) {
      throw new NetworkShapeError(
        `sgdStep: expected one gradient per parameter, by layer [${counts.join(", ")}]; got [${gradients.map((g) => g.length).join(", ")}]: pass what backprop returned`,
      );
    }
    this.layers.forEach((layer, l) => {
      for (const [k, p] of layer.parameters.entries()) sgdStepInto(p, gradients[l][k], rate);
    });
  }

  /** How many samples' argmax output equals their label (the seed's `evaluate`; dropout off). */
  evaluate(x: Matrix, labels: ArrayLike<number>): number {
    if (labels.length !== x.cols) {
      throw new NetworkShapeError(`evaluate: ${x.cols} samples but ${labels.length} labels`);
    }
    return countCorrect(this.forwardPass(x, false), labels);
  }

  /** The mean cost over the samples (columns) of x, dropout off (as Network.totalCost with λ = 0). */
  totalCost(x: Matrix, y: Matrix): number {
    return x.cols === 0 ? 0 : this.costSum(x, y) / x.cols;
  }

  /**
   * C summed over the samples of the batch (x, y), from the last layer's z where it has one
   * (finite where an output saturated; see Cost.fn); `training` turns dropout on (pin its
   * masks to get the same number twice).
   */
  costSum(x: Matrix, y: Matrix, training = false): number {
    return this.measure(x, y, null, { training }).cost;
  }

  /**
   * One forward pass over a batch, for evaluation: C summed over its samples and, given
   * labels, how many samples' argmax output equals their label (first on ties, as the
   * seed's argmax). `predicted` (at least m entries) receives each sample's argmax;
   * `training` turns dropout on.
   */
  measure(
    x: Matrix,
    y: Matrix,
    labels: ArrayLike<number> | null,
    options: { training?: boolean; predicted?: Int32Array } = {},
  ): BatchMeasurement {
    const output = this.forwardPass(x, options.training ?? false);
    this.assertTarget(output, y);
    const last = this.layers[this.layers.length - 1];
    const target = this.asDtype(y);
    const cost =
      isActivatedLayer(last) && last.z && last.a === output
        ? this.cost.fn(output, target, last.z, last.activation)
        : this.cost.fn(output, target);
    if (!labels) return { cost, correct: 0 };
    const predicted = argmaxColumnsInto(
      (options.predicted ?? new Int32Array(output.cols)).subarray(0, output.cols),
      output,
    );
    let correct = 0;
    for (let j = 0; j < output.cols; j++) if (predicted[j] === labels[j]) correct++;
    return { cost, correct };
  }

  /** The layers' forward passes; the result is the last layer's own buffer (see Layer). */
  private forwardPass(x: Matrix, training: boolean): Matrix {
    let a = this.asDtype(x);
    for (const layer of this.layers) a = layer.forward(a, training);
    return a;
  }

  /** x itself when it has the network's dtype, else a converted copy. */
  private asDtype(x: Matrix): Matrix {
    return x.dtype === this.dtype ? x : Matrix.fromFlat(x.rows, x.cols, x.data, this.dtype);
  }

  /** δ layer l handed down; null only where it was asked not to compute one. */
  private deltaFrom(l: number, delta: Matrix | null): Matrix {
    if (delta) return delta;
    throw new NetworkShapeError(
      `LayerNetwork.backprop: layer ${l} (${this.layers[l].kind}) returned no δ of its input; backward must return a matrix unless inputDelta is false`,
    );
  }

  /** Throws unless y has the output's shape (output rows × m). */
  private assertTarget(output: Matrix, y: Matrix): void {
    if (y.rows !== output.rows || y.cols !== output.cols) {
      const last = this.layers[this.layers.length - 1];
      throw new NetworkShapeError(
        `target is ${y.rows}×${y.cols} but the network gives ${shapeSize(last.outputShape)} outputs for ${output.cols} samples: pass a ${output.rows}×${output.cols} matrix`,
      );
    }
  }
}
