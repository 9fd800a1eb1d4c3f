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
import { Matrix } from "@backprop/linalg";
import { countCorrect } from "../count-correct";
import { NetworkShapeError } from "../errors";
import { formatShape3, isActivatedLayer, type Layer, shapeSize } from "./layer";

/** What `new LayerNetwork(options)` takes. */
export interface LayerNetworkOptions {
  /** The layers, input side first; each one's inputShape must equal the previous outputShape. */
  layers: readonly Layer[];
  /** The cost C (an object or a registered name); default "quadratic", the seed's. */
  cost?: Cost | string;
}

/** A stack of layers with the seed's vocabulary: feedforward, backprop, updateMiniBatch, evaluate. */
export class LayerNetwork {
  /** The layers, input side first. */
  readonly layers: readonly Layer[];
  /** The cost whose gradient backprop computes (BP1 starts from it). */
  readonly cost: Cost;

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
    this.layers = [...layers];
    this.cost =
      typeof options.cost === "string" ? getCost(options.cost) : (options.cost ?? quadratic);
  }

  /** The output for a batch x (input rows × m, one sample per column); `training` turns dropout on. */
  feedforward(x: Matrix, training = false): Matrix {
    let a = x;
    for (const layer of this.layers) a = layer.forward(a, training);
    return a;
  }

  /**
   * ∂C/∂parameter of every layer for the batch (x, y), C summed over the samples (the seed's
   * nabla after its loop over the mini-batch). Returns each layer's `gradients` array (the
   * layers own them; the next backprop overwrites them). Dropout is on (training).
   */
  backprop(x: Matrix, y: Matrix): Matrix[][] {
    const output = this.feedforward(x, true);
    this.assertTarget(output, y);
    const last = this.layers[this.layers.length - 1];
    let delta: Matrix;
    if (isActivatedLayer(last) && last.z && last.a) {
      const deltaL = Matrix.zeros(output.rows, output.cols);
      this.cost.delta(
        last.z,
        last.a,
        y,
        last.activation,
        deltaL,
        Matrix.zeros(output.rows, output.cols),
      ); // BP1
      delta = last.backwardFromZ(deltaL);
    } else {
      const gradient = Matrix.zeros(output.rows, output.cols);
      this.cost.derivative(output, y, gradient); // ∇ₐC
      delta = last.backward(gradient);
    }
    for (let l = this.layers.length - 2; l >= 0; l--) delta = this.layers[l].backward(delta); // BP2
    return this.layers.map((layer) => layer.gradients);
  }

  /** The seed's update_mini_batch: backprop, then w ← w − (η/m)·∂C/∂w for every parameter. */
  updateMiniBatch(x: Matrix, y: Matrix, eta: number): void {
    const gradients = this.backprop(x, y);
    const step = eta / x.cols;
    this.layers.forEach((layer, l) => {
      layer.parameters.forEach((p, k) => {
        const g = gradients[l][k].data;
        for (let i = 0; i < p.data.length; i++) p.data[i] -= step * g[i];
      });
    });
  }

  /** How many samples' argmax output equals their label (the seed's `evaluate`; dropout off). */
  evaluate(x: Matrix, labels: ArrayLike<number>): number {
    if (labels.length !== x.cols) {
      throw new NetworkShapeError(`evaluate: ${x.cols} samples but ${labels.length} labels`);
    }
    return countCorrect(this.feedforward(x), labels);
  }

  /** The mean cost over the samples (columns) of x, dropout off (as Network.totalCost with λ = 0). */
  totalCost(x: Matrix, y: Matrix): number {
    if (x.cols === 0) return 0;
    const output = this.feedforward(x);
    this.assertTarget(output, y);
    return costOf(this, output, y) / x.cols;
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

/**
 * C summed over the batch for the output the last feedforward gave, from the last layer's
 * z where it has one (finite where an output saturated; see Cost.fn).
 */
export function costOf(network: LayerNetwork, output: Matrix, y: Matrix): number {
  const last = network.layers[network.layers.length - 1];
  if (isActivatedLayer(last) && last.z && last.a === output) {
    return network.cost.fn(output, y, last.z, last.activation);
  }
  return network.cost.fn(output, y);
}
