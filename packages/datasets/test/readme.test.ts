import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { runReadmeExamples } from "../../../scripts/readme-examples";

it("the README examples run and print what they say", async () => {
  const path = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));
  const [mnist, perSample, tabular] = await runReadmeExamples(path("../README.md"), {
    "@backprop/datasets": path("../src/index.ts"),
    "@backprop/datasets/node": path("../src/node.ts"),
    "@backprop/linalg": path("../../linalg/src/index.ts"),
    // The README's MNIST comes from @backprop/mnist (which depends on this package).
    "@backprop/mnist": path("../../mnist/src/index.ts"),
  });
  expect(mnist).toEqual(["50000 10000 10000", "5000 784 10"]);
  expect(perSample).toEqual(["200 2 2"]);
  expect(tabular.slice(0, 2)).toEqual(["2 2 setosa versicolor", "2 2"]);
  expect(tabular[2]).toBe(
    'CSV row 3, column index 0 ("length"): expected a finite number, found "n/a"; fix or remove the row, or drop the column before loading',
  );
});
