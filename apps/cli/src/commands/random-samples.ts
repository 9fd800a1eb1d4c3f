import { Matrix, type Rng } from "@backprop/linalg";

/**
 * gradcheck's data: `samples` inputs drawn from N(0, 1) (inputs × samples, one per column)
 * and one-hot targets of random classes (outputs × samples), both from `rng`.
 */
export function randomSamples(
  inputs: number,
  outputs: number,
  samples: number,
  rng: Rng,
): { x: Matrix; y: Matrix } {
  const x = new Matrix(inputs, samples, rng.fillNormal(new Float64Array(inputs * samples)));
  const y = Matrix.zeros(outputs, samples);
  for (let j = 0; j < samples; j++) y.set(rng.integer(outputs), j, 1);
  return { x, y };
}
