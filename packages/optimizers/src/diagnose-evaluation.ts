import { type LabelledSamples, Matrix } from "@backprop/linalg";
import type { Network } from "@backprop/network";
import { diagnoseData, diagnoseLayers } from "./diagnose-update";
import { blameTheStep, type DivergenceDiagnosis, type StepSettings, sampleAt } from "./divergence";
import { chunksOf, sumOfCosts } from "./evaluate-data";

/** Column j of m, as a one-column matrix. */
function columnOf(m: Matrix, j: number): Matrix {
  const column = Matrix.zeros(m.rows, 1, m.dtype);
  for (let i = 0; i < m.rows; i++) column.data[i] = m.data[i * m.cols + j];
  return column;
}

/**
 * Why evaluating `network` on `data` (the `part` of the run: "test", "validation",
 * "training") gave a cost that is NaN or ±∞ while every weight is finite: its data, then
 * each layer's forward pass, then the cost sample by sample, then λ's term. Feeds the data
 * forward once more; runs only after the guard tripped.
 */
export function diagnoseEvaluation(
  network: Network,
  data: LabelledSamples,
  part: string,
  step: StepSettings,
): DivergenceDiagnosis {
  const parameter = `the ${part} cost`;
  const subject = `the ${part} cost became NaN or ±Infinity although every weight is finite`;
  const { cost } = network;
  const L = network.weights.length;
  const whose = network.isUserDefined("cost") ? " (user-defined)" : "";
  for (const { inputs, targets, indices, size } of chunksOf(network, data)) {
    const where = { samples: indices, data: part };
    const { zs, activations } = network.forwardPass(inputs);
    const blame = (why: string) => blameTheStep(parameter, subject, why, step);
    const found =
      diagnoseData(inputs, targets, where) ??
      diagnoseLayers(network, zs, activations, where, blame);
    if (found) return found;
    if (Number.isFinite(sumOfCosts(network, zs, activations, targets))) continue;
    for (let j = 0; j < size; j++) {
      const a = columnOf(activations[L - 1], j);
      const value = cost.fn(
        a,
        columnOf(targets, j),
        columnOf(zs[L - 1], j),
        network.activations[L - 1],
      );
      if (Number.isFinite(value)) continue;
      const { sample, label } = sampleAt(j, where);
      const outputs = Array.from(a.data.subarray(0, 4), (v) => Number(v.toPrecision(3)));
      return {
        source: "cost",
        parameter,
        culprit: cost.name,
        userDefined: whose !== "",
        sample,
        detail:
          `${subject}: the cost "${cost.name}"${whose} gives ${value} for the outputs of ` +
          `"${network.activations[L - 1].name}" at ${label} (a = ${outputs.join(", ")}${a.rows > 4 ? ", …" : ""})`,
      };
    }
  }
  const l2Term = 0.5 * (step.lambda / data.length) * network.sumOfSquaredWeights();
  if (step.lambda !== 0 && !Number.isFinite(l2Term)) {
    const detail = `${subject}: its L2 term ½(λ/n)Σ‖w‖² overflowed with λ = ${step.lambda}`;
    return { source: "cost", parameter, setting: "lambda", culprit: cost.name, detail };
  }
  return {
    source: "cost",
    parameter,
    culprit: cost.name,
    userDefined: whose !== "",
    detail: `${subject}, and so is every sample's cost: their sum overflowed`,
  };
}
