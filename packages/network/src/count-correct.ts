import { argmaxColumns, type Matrix } from "@backprop/linalg";

/** How many columns of `output` have their largest entry (first on ties) at the sample's label: the seed's `evaluate`. */
export function countCorrect(output: Matrix, labels: ArrayLike<number>): number {
  const predicted = argmaxColumns(output);
  let correct = 0;
  for (let j = 0; j < predicted.length; j++) if (predicted[j] === labels[j]) correct++;
  return correct;
}
