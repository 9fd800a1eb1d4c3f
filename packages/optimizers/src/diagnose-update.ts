import type { Matrix } from "@backprop/linalg";
import type { Network } from "@backprop/network";
import {
  blameTheStep,
  type DivergenceDiagnosis,
  firstNonFiniteEntry,
  type SampleNames,
  type StepSettings,
  sampleAt,
} from "./divergence";
import type { TrainingWorkspace } from "./training-workspace";

/** NaN or ±∞ in a batch's inputs (x, features × m; null for byte images, always finite) or targets. */
export function diagnoseData(
  x: Matrix | null,
  y: Matrix,
  where: SampleNames,
): DivergenceDiagnosis | undefined {
  for (const [name, m] of [
    ["inputs", x],
    ["targets", y],
  ] as const) {
    const bad = m && firstNonFiniteEntry(m);
    if (!bad) continue;
    const { sample, label } = sampleAt(bad.column, where);
    const parameter = `${name}[${bad.row}]`;
    return {
      source: "data",
      parameter,
      sample,
      detail: `${label} has ${parameter} = ${bad.value}`,
    };
  }
  return undefined;
}

/** The diagnosis fields naming layer l+1's activation, with `names` and `label` for the message. */
function activationAt(network: Network, l: number, column: number, where: SampleNames) {
  const { name } = network.activations[l];
  const userDefined = network.isUserDefined(l);
  const { sample, label } = sampleAt(column, where);
  return {
    source: "activation" as const,
    parameter: `activations[${l}]`,
    culprit: name,
    userDefined,
    sample,
    names: `the activation "${name}" of layer ${l + 1} (activations[${l}]${userDefined ? ", user-defined" : ""})`,
    label,
  };
}

/**
 * Walks a forward pass (zs[l], activations[l] = σ(zs[l]) of layer l+1, from finite inputs)
 * to the first layer where something is not finite. A column whose z is finite but whose a
 * is not convicts the activation (column by column, so softmax is judged on its whole
 * input); a z that is not finite, from finite inputs and finite weights, means the weights
 * grew too large, which `overflowed(why)` words.
 */
export function diagnoseLayers(
  network: Network,
  zs: readonly Matrix[],
  activations: readonly Matrix[],
  where: SampleNames,
  overflowed: (why: string) => DivergenceDiagnosis,
): DivergenceDiagnosis | undefined {
  for (let l = 0; l < zs.length; l++) {
    const { rows, cols } = zs[l];
    const z = zs[l].data;
    const a = activations[l].data;
    let overflow = -1;
    for (let j = 0; j < cols; j++) {
      let zFinite = true;
      let bad = -1;
      for (let i = 0; i < rows; i++) {
        if (!Number.isFinite(z[i * cols + j])) zFinite = false;
        if (bad < 0 && !Number.isFinite(a[i * cols + j])) bad = i;
      }
      if (zFinite && bad >= 0) {
        const { names, label, ...found } = activationAt(network, l, j, where);
        const k = bad * cols + j;
        return {
          ...found,
          detail: `${names} returned ${a[k]} for z = ${z[k]} (unit ${bad}, ${label})`,
        };
      }
      if (!zFinite && overflow < 0) overflow = j;
    }
    if (overflow >= 0) {
      const at = sampleAt(overflow, where).label;
      return overflowed(`z = wa + b of layer ${l + 1} overflowed at ${at}, from finite inputs`);
    }
  }
  return undefined;
}

/** The first weight matrix or bias vector (in the optimizer's blocks) holding NaN or ±∞. */
function firstNonFiniteParameter(network: Network, workspace: TrainingWorkspace): string {
  const L = network.weights.length;
  const k = workspace.blocks.findIndex((b) => b.values.some((v) => !Number.isFinite(v)));
  if (k < 0) return "a parameter";
  return k < L ? `weights[${k}]` : `biases[${k - L}]`;
}

/**
 * Why an update left a parameter NaN or ±∞, read from the memo backprop left in the
 * workspace (its zˡ, aˡ, δˡ and gradients came from the weights before the update, which
 * the guard had found finite): the data, then each layer's forward pass, BP1's δᴸ, each
 * BP2 step, the gradients, and last the update itself. Runs only after the guard tripped.
 */
export function diagnoseUpdate(
  network: Network,
  x: Matrix | null,
  y: Matrix,
  workspace: TrainingWorkspace,
  step: StepSettings,
  where: SampleNames,
): DivergenceDiagnosis {
  const parameter = firstNonFiniteParameter(network, workspace);
  const blame = (why: string) =>
    blameTheStep(parameter, `${parameter} became NaN or ±Infinity`, why, step);
  const { zs, activations, deltas, back } = workspace.backprop.buffersFor(y.cols);
  const found = diagnoseData(x, y, where) ?? diagnoseLayers(network, zs, activations, where, blame);
  if (found) return found;
  const L = zs.length;
  const output = firstNonFiniteEntry(deltas[L - 1]);
  if (output) {
    const { cost } = network;
    const { sample, label } = sampleAt(output.column, where);
    const a = activations[L - 1].data[output.row * y.cols + output.column];
    const whose = network.isUserDefined("cost") ? " (user-defined)" : "";
    return {
      source: "cost",
      parameter: "the output error δᴸ",
      culprit: cost.name,
      userDefined: whose !== "",
      sample,
      detail:
        `the output error δᴸ (BP1) of the cost "${cost.name}"${whose} with the output activation ` +
        `"${network.activations[L - 1].name}" became ${output.value} at the finite output a = ${a} (unit ${output.row}, ${label})`,
    };
  }
  for (let l = L - 2; l >= 0; l--) {
    const bad = firstNonFiniteEntry(deltas[l]);
    if (!bad) continue;
    if (firstNonFiniteEntry(back[l]))
      return blame(`BP2's (wˡ⁺¹)ᵀδˡ⁺¹ for layer ${l + 1} overflowed`);
    const { names, label, ...culprit } = activationAt(network, l, bad.column, where);
    const z = zs[l].data[bad.row * y.cols + bad.column];
    return {
      ...culprit,
      detail: `the derivative of ${names} gave δ = ${bad.value} in BP2 for z = ${z} (unit ${bad.row}, ${label})`,
    };
  }
  if (workspace.blocks.some((b) => b.gradient.some((g) => !Number.isFinite(g)))) {
    return blame("a gradient δaᵀ overflowed");
  }
  return blame("the update overflowed; the data, activations and gradients were finite");
}
