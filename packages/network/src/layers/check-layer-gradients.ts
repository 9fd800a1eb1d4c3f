import { Matrix, Rng } from "@backprop/linalg";
import { NetworkShapeError } from "../errors";
import type { Layer } from "./layer";
import type { LayerNetwork } from "./layer-network";

/** One gradient entry, from backward and from finite differences. */
export interface LayerGradientMismatch {
  /** Which entry: `input[row][sample]`, `parameters[k][i][j]`, or `layers[l].parameters[k][i][j]`. */
  at: string;
  /** What backward (or backprop) computed. */
  analytic: number;
  /** The five-point central difference of the scalar C. */
  numeric: number;
  /** |analytic − numeric| / max(|analytic|, |numeric|, 1e-4): relative, absolute for tiny gradients. */
  error: number;
}

/** What the layer checks found (the shape of @backprop/activations' DerivativeReport). */
export interface LayerGradientReport {
  /** True when every comparison's error is within the tolerance (and none is NaN). */
  ok: boolean;
  /** How many entries were compared. */
  checked: number;
  /** The comparison with the largest error, whether or not it fails. */
  worst: LayerGradientMismatch;
  /** Every comparison over the tolerance, worst first. */
  failures: LayerGradientMismatch[];
}

/** Where and how strictly {@link checkLayerGradients} compares. */
export interface LayerGradientCheckOptions {
  /** The input batch; default N(0, 1) entries, inputShape × `samples`. */
  input?: Matrix;
  /** Samples (columns) of the default input; default 2. */
  samples?: number;
  /** Seed for the default input and the weights r of C = Σ r ⊙ out; default 0. */
  seed?: number;
  /** Passed to forward; default false. With dropout, pin the mask first (`fixMask`). */
  training?: boolean;
  /** Step h of the central difference; default 1e-4. */
  epsilon?: number;
  /** Allowed error; default 1e-6. */
  tolerance?: number;
  /** Check at most this many entries of the input and of each parameter, chosen at random; default all. */
  perMatrix?: number;
}

/**
 * Checks a layer's backward pass, the built-ins' or your own, against finite differences.
 * With fixed random weights r (N(0, 1), the output's shape), the scalar C = Σ r ⊙ out has
 * ∂C/∂out = r, so backward(r) must return ∂C/∂input and fill ∂C/∂parameters; each entry
 * is compared with (−C(θ+2h) + 8C(θ+h) − 8C(θ−h) + C(θ−2h)) / 12h. The input and the
 * parameters are restored after, and forward/backward run once more so the layer's memo
 * and gradients are those of the unperturbed input.
 */
export function checkLayerGradients(
  layer: Layer,
  options: LayerGradientCheckOptions = {},
): LayerGradientReport {
  const rng = new Rng(options.seed ?? 0);
  const rows = layer.inputShape.channels * layer.inputShape.height * layer.inputShape.width;
  const x = options.input ?? randomMatrix(rows, options.samples ?? 2, rng);
  const training = options.training ?? false;
  const out = layer.forward(x, training);
  const r = randomMatrix(out.rows, out.cols, rng);
  const run = () => {
    layer.forward(x, training);
    const deltaIn = layer.backward(r, true);
    if (!deltaIn) {
      throw new NetworkShapeError(
        `checkLayerGradients: ${layer.kind}.backward(δ, true) returned null; it must return ∂C/∂input when inputDelta is true`,
      );
    }
    return { deltaIn: deltaIn.clone(), gradients: layer.gradients.map((g) => g.clone()) };
  };
  const { deltaIn, gradients } = run();
  layer.parameters.forEach((p, k) => {
    if (gradients[k]?.rows !== p.rows || gradients[k]?.cols !== p.cols) {
      throw new NetworkShapeError(
        `checkLayerGradients: ${layer.kind}.gradients[${k}] must have the shape of parameters[${k}] (${p.rows}×${p.cols})`,
      );
    }
  });
  const cost = () => {
    const y = layer.forward(x, training);
    let sum = 0;
    for (let i = 0; i < y.data.length; i++) sum += r.data[i] * y.data[i];
    return sum;
  };
  const results = [
    ...compareEntries("input", x, deltaIn, cost, options, rng),
    ...layer.parameters.flatMap((p, k) =>
      compareEntries(`parameters[${k}]`, p, gradients[k], cost, options, rng),
    ),
  ];
  run();
  return report(results, options.tolerance);
}

/**
 * The same check for a whole {@link LayerNetwork}: backprop(x, y) against finite
 * differences of C = Σ over the samples of the cost, for every parameter of every layer
 * (training forward passes: pin dropout masks first).
 */
export function checkLayerNetworkGradients(
  network: LayerNetwork,
  x: Matrix,
  y: Matrix,
  options: Omit<LayerGradientCheckOptions, "input" | "samples" | "training"> = {},
): LayerGradientReport {
  const rng = new Rng(options.seed ?? 0);
  const gradients = network.backprop(x, y).map((gs) => gs.map((g) => g.clone()));
  const cost = () => network.costSum(x, y, true);
  const results = network.layers.flatMap((layer, l) =>
    layer.parameters.flatMap((p, k) =>
      compareEntries(`layers[${l}].parameters[${k}]`, p, gradients[l][k], cost, options, rng),
    ),
  );
  network.backprop(x, y);
  return report(results, options.tolerance);
}

function randomMatrix(rows: number, cols: number, rng: Rng): Matrix {
  const m = Matrix.zeros(rows, cols);
  rng.fillNormal(m.data);
  return m;
}

/** Compares analytic[i] with the five-point difference of cost() in values[i], restoring it. */
function compareEntries(
  name: string,
  values: Matrix,
  analytic: Matrix,
  cost: () => number,
  options: LayerGradientCheckOptions,
  rng: Rng,
): LayerGradientMismatch[] {
  const h = options.epsilon ?? 1e-4;
  const all = Array.from({ length: values.data.length }, (_, i) => i);
  const chosen =
    options.perMatrix === undefined || options.perMatrix >= all.length
      ? all
      : rng.shuffle(all).slice(0, options.perMatrix);
  return chosen.map((i) => {
    const saved = values.data[i];
    const at = (offset: number) => {
      values.data[i] = saved + offset;
      return cost();
    };
    const numeric = (8 * (at(h) - at(-h)) - (at(2 * h) - at(-2 * h))) / (12 * h);
    values.data[i] = saved;
    const a = analytic.data[i];
    const scale = Math.max(Math.abs(a), Math.abs(numeric), 1e-4);
    const error = Math.abs(a - numeric) / scale;
    return {
      at: `${name}[${Math.floor(i / values.cols)}][${i % values.cols}]`,
      analytic: a,
      numeric,
      error: Number.isNaN(error) ? Number.POSITIVE_INFINITY : error,
    };
  });
}

function report(results: LayerGradientMismatch[], tolerance = 1e-6): LayerGradientReport {
  results.sort((a, b) => b.error - a.error);
  const failures = results.filter((r) => !(r.error <= tolerance));
  const worst = results[0] ?? { at: "(nothing to check)", analytic: 0, numeric: 0, error: 0 };
  return { ok: failures.length === 0, checked: results.length, worst, failures };
}
