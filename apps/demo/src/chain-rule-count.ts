/**
 * "Why dynamic programming", measured: for one small network and one sample, run both ways
 * of computing the gradient and count their multiplications.
 *
 * - The expansion: `expandChainRule` from @backprop/network recomputes δ for every weight
 *   from scratch (no memo) and counts every product it performs.
 * - Backprop: `Network.trace` runs the one backward pass; its products are counted from
 *   the matrices that pass multiplied: BP2's (wˡ⁺¹)ᵀδˡ⁺¹ and ⊙σ′(zˡ) for each hidden layer,
 *   BP4's δˡ(aˡ⁻¹)ᵀ for each layer (BP1's δᴸ is shared by both, so neither counts it).
 *
 * Both give the same gradient; `maxDifference` shows it.
 */
import { Matrix, Rng } from "@backprop/linalg";
import { type BackpropTrace, expandChainRule, Network } from "@backprop/network";

export interface ChainRuleCount {
  width: number;
  hiddenLayers: number;
  sizes: number[];
  /** Multiplications counted while running the memo-free expansion. */
  expansion: number;
  /** Multiplications of backprop's backward pass, counted from the run's matrices. */
  backprop: number;
  /** Wall time per gradient, in milliseconds (averaged over repeats of at least ~5 ms). */
  expansionMs: number;
  backpropMs: number;
  /** Largest |expansion − backprop| over every ∂C/∂w and ∂C/∂b: both compute the same gradient. */
  maxDifference: number;
}

/** The products one backward pass performed, from the shapes in its trace. */
export function countBackwardPass(network: Network, trace: BackpropTrace): number {
  const L = network.weights.length;
  let count = 0;
  for (let l = 0; l < L; l++) {
    count += trace.nablaW[l].rows * trace.nablaW[l].cols; // BP4: δˡⱼ·aˡ⁻¹ₖ for every weight
    if (l < L - 1) {
      const above = network.weights[l + 1];
      count += above.rows * above.cols; // BP2: (wˡ⁺¹)ᵀδˡ⁺¹
      count += trace.deltas[l].rows; // BP2: ⊙ σ′(zˡ)
    }
  }
  return count;
}

/** Runs `work` until ~5 ms have passed (at least once); returns ms per run and the last result. */
function timed<T>(work: () => T): { ms: number; result: T } {
  const start = performance.now();
  let runs = 0;
  let result: T;
  do {
    result = work();
    runs++;
  } while (performance.now() - start < 5);
  return { ms: (performance.now() - start) / runs, result };
}

/** Both methods on a network of `hiddenLayers` hidden layers, every layer `width` wide. */
export function countChainRule(width: number, hiddenLayers: number, seed = 0): ChainRuleCount {
  const sizes = Array.from({ length: hiddenLayers + 2 }, () => width);
  const network = new Network({ sizes, activation: "sigmoid", seed });
  const rng = new Rng(seed + 1);
  const x = Matrix.column(Array.from({ length: width }, () => rng.uniform()));
  const y = Matrix.column(Array.from({ length: width }, (_, i) => (i === 0 ? 1 : 0)));
  const expansion = timed(() => expandChainRule(network, x, y));
  const backprop = timed(() => network.trace(x, y));
  let maxDifference = 0;
  const { gradients } = expansion.result;
  for (let l = 0; l < network.weights.length; l++) {
    const pairs = [
      [gradients.nablaW[l].data, backprop.result.nablaW[l].data],
      [gradients.nablaB[l].data, backprop.result.nablaB[l].data],
    ];
    for (const [a, b] of pairs) {
      for (let i = 0; i < a.length; i++) {
        maxDifference = Math.max(maxDifference, Math.abs(a[i] - b[i]));
      }
    }
  }
  return {
    width,
    hiddenLayers,
    sizes,
    expansion: expansion.result.multiplications,
    backprop: countBackwardPass(network, backprop.result),
    expansionMs: expansion.ms,
    backpropMs: backprop.ms,
    maxDifference,
  };
}

/** The grid the page measures: widths × depths, small enough to run in about a second. */
export const COUNT_WIDTHS = [2, 4, 8] as const;
export const COUNT_DEPTHS = [1, 2, 3, 4, 5, 6] as const;
