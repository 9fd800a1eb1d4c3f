import { type Matrix, Rng } from "@backprop/linalg";
import { backpropBatch } from "./backprop";
import type { Network } from "./network";

/** How {@link checkGradients} perturbs the parameters, and how many it checks. */
export interface GradientCheckOptions {
  /** Step h of the five-point central difference; default 1e-4 (float64). */
  epsilon?: number;
  /** Check at most this many parameters per weight matrix and per bias vector, chosen at random; default all. */
  perLayer?: number;
  /** Seed for choosing the parameters when `perLayer` limits them; default 0. */
  seed?: number;
}

/** One parameter's gradient, from backprop and from finite differences. */
export interface GradientComparison {
  /** Which parameter, in model-file notation: `weights[l][j][k]` or `biases[l][j]`. */
  parameter: string;
  /** ∂C/∂θ as backprop computed it (BP3 or BP4). */
  analytic: number;
  /** ∂C/∂θ by the five-point central difference of the cost. */
  numeric: number;
  /** |analytic − numeric| / max(|analytic| + |numeric|, 1e-8). */
  relativeError: number;
}

/** What {@link checkGradients} found: the worst agreement overall and per layer. */
export interface GradientCheckReport {
  /** How many parameters were compared. */
  checked: number;
  /** The comparison with the largest relative error (below 1e-6 means backprop is right). */
  worst: GradientComparison;
  /** The worst comparison of each layer's weights and biases. */
  layers: {
    /** The worst of this layer's checked weights wˡ. */
    weights: GradientComparison;
    /** The worst of this layer's checked biases bˡ. */
    biases: GradientComparison;
  }[];
}

/**
 * Compares backprop's gradient of C = Σ over the columns of x of Cₓ with the five-point
 * central difference (−C(θ+2h) + 8C(θ+h) − 8C(θ−h) + C(θ−2h)) / 12h, one parameter at a
 * time, restoring each after. Its truncation error is O(h⁴) (≈1e-16 at h = 1e-4) and its
 * rounding error ≈ ε·C/h, so even gradients a million times smaller than C compare well;
 * the two-point formula's rounding noise would swamp them.
 * Backprop is right when the worst relative error is tiny (below 1e-6 in float64).
 */
export function checkGradients(
  network: Network,
  x: Matrix,
  y: Matrix,
  options: GradientCheckOptions = {},
): GradientCheckReport {
  const h = options.epsilon ?? 1e-4;
  const grads = backpropBatch(network, x, y);
  const L = network.weights.length;
  // C from the output layer's z too (see Cost.fn), as training evaluates it.
  const cost = () => {
    const { zs, activations } = network.forwardPass(x);
    return network.cost.fn(activations[L - 1], y, zs[L - 1], network.activations[L - 1]);
  };
  const rng = new Rng(options.seed ?? 0);
  let checked = 0;
  const compare = (
    name: string,
    params: Matrix,
    analytic: Matrix,
    label: (i: number) => string,
  ) => {
    let worst: GradientComparison | undefined;
    for (const i of pick(params.data.length, options.perLayer, rng)) {
      const saved = params.data[i];
      const at = (offset: number) => {
        params.data[i] = saved + offset;
        return cost();
      };
      // Differences first: C(θ+h) − C(θ−h) is exactly 0 when C does not depend on θ.
      const numeric = (8 * (at(h) - at(-h)) - (at(2 * h) - at(-2 * h))) / (12 * h);
      params.data[i] = saved;
      const a = analytic.data[i];
      const relativeError = Math.abs(a - numeric) / Math.max(Math.abs(a) + Math.abs(numeric), 1e-8);
      checked++;
      if (!worst || !(relativeError <= worst.relativeError)) {
        worst = { parameter: `${name}${label(i)}`, analytic: a, numeric, relativeError };
      }
    }
    return (
      worst ?? { parameter: `${name} (none checked)`, analytic: 0, numeric: 0, relativeError: 0 }
    );
  };
  const layers = network.weights.map((w, l) => ({
    weights: compare(
      `weights[${l}]`,
      w,
      grads.nablaW[l],
      (i) => `[${Math.floor(i / w.cols)}][${i % w.cols}]`,
    ),
    biases: compare(`biases[${l}]`, network.biases[l], grads.nablaB[l], (i) => `[${i}]`),
  }));
  let worst = layers[0].weights;
  for (const layer of layers) {
    for (const c of [layer.weights, layer.biases])
      if (!(c.relativeError <= worst.relativeError)) worst = c;
  }
  return { checked, worst, layers };
}

/** All indices 0…n−1, or `limit` of them chosen at random without repeats. */
function pick(n: number, limit: number | undefined, rng: Rng): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  if (limit === undefined || limit >= n) return all;
  return rng.shuffle(all).slice(0, limit);
}
