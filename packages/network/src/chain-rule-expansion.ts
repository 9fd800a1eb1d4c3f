/**
 * The slow way, kept to show why backprop is fast (the seed article's point): the gradient
 * by expanding the chain rule separately for every weight, with NO memo. Each ∂C/∂wˡⱼₖ =
 * aˡ⁻¹ₖ·δˡⱼ recomputes δˡⱼ from scratch by recursing through every path to the output:
 *
 *   δˡⱼ = σ′(zˡⱼ) · Σₖ wˡ⁺¹ₖⱼ · δˡ⁺¹ₖ     (each δˡ⁺¹ₖ again recomputed, all the way up)
 *
 * so the work grows like the product of the layer widths above. Backprop computes each δˡ
 * once and reuses it (BP2): that reuse is the dynamic programming. Both count their
 * multiplications here, so the difference can be measured, not just stated; the results
 * are equal (tests hold them so). For teaching and the demo only: never use it to train.
 */
import { Matrix } from "@backprop/linalg";
import type { Gradients } from "./gradients";
import type { Network } from "./network";

/** What {@link expandChainRule} computed, and what it cost. */
export interface ExpansionResult {
  /** ∂C/∂b and ∂C/∂w of every layer: the same values backprop gives, found the slow way. */
  gradients: Gradients;
  /** Multiplications the memo-free expansion performed (after one shared forward pass and δᴸ). */
  multiplications: number;
}

/** Runs the memo-free expansion for one sample (x: n×1, y: outputs×1). */
export function expandChainRule(network: Network, x: Matrix, y: Matrix): ExpansionResult {
  const { weights } = network;
  const L = weights.length;
  for (let l = 0; l < L - 1; l++) {
    if (!network.activations[l].elementwise) {
      throw new RangeError(
        `expandChainRule: hidden layer ${l + 1} uses "${network.activations[l].name}", which is not element-wise`,
      );
    }
  }
  // The forward pass and the output error are shared by both methods: only the reuse differs.
  const trace = network.trace(x, y);
  const sigmaPrime = trace.zs.map((z, l) => {
    const out = Matrix.zeros(z.rows, 1);
    network.activations[l].derivative(z, out);
    return out.data;
  });
  const outputDelta = trace.deltas[L - 1].data;
  let multiplications = 0;
  const delta = (l: number, j: number): number => {
    if (l === L - 1) return outputDelta[j];
    const next = weights[l + 1];
    let sum = 0;
    for (let k = 0; k < next.rows; k++) {
      sum += next.data[k * next.cols + j] * delta(l + 1, k);
      multiplications++;
    }
    multiplications++;
    return sigmaPrime[l][j] * sum;
  };
  const gradients = network.zeroGradients();
  for (let l = 0; l < L; l++) {
    const previous = trace.activations[l].data;
    const w = gradients.nablaW[l];
    for (let j = 0; j < w.rows; j++) {
      gradients.nablaB[l].data[j] = delta(l, j);
      for (let k = 0; k < w.cols; k++) {
        w.data[j * w.cols + k] = delta(l, j) * previous[k]; // δ recomputed for every weight
        multiplications++;
      }
    }
  }
  return { gradients, multiplications };
}

/**
 * Multiplications of backprop's backward pass for one sample, counted the same way:
 * BP2's (wˡ⁺¹)ᵀδˡ⁺¹ and ⊙σ′ for every hidden layer, and BP4's δˡ(aˡ⁻¹)ᵀ for every layer.
 */
export function backpropMultiplications(sizes: readonly number[]): number {
  let count = 0;
  const L = sizes.length - 1;
  for (let l = 1; l <= L; l++) {
    count += sizes[l] * sizes[l - 1]; // BP4
    if (l < L) count += sizes[l + 1] * sizes[l] + sizes[l]; // BP2
  }
  return count;
}

/** The expansion's multiplication count by formula (equal to what `expandChainRule` counts). */
export function expansionMultiplications(sizes: readonly number[]): number {
  const L = sizes.length - 1;
  // cost[l] = multiplications to recompute one δ of layer l from scratch.
  const cost = new Array<number>(L + 1).fill(0);
  for (let l = L - 1; l >= 1; l--) cost[l] = sizes[l + 1] * (1 + cost[l + 1]) + 1;
  let total = 0;
  for (let l = 1; l <= L; l++) total += sizes[l] * (cost[l] + sizes[l - 1] * (cost[l] + 1));
  return total;
}
