import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { runReadmeExamples } from "../../../scripts/readme-examples";

it("the README examples train XOR, a layer network on moons, and XOR with a custom optimizer, and print what they say", async () => {
  const source = (pkg: string) =>
    fileURLToPath(new URL(`../../${pkg}/src/index.ts`, import.meta.url));
  const [logs, layers, custom] = await runReadmeExamples(
    fileURLToPath(new URL("../README.md", import.meta.url)),
    {
      "@backprop/optimizers": source("optimizers"),
      "@backprop/network": source("network"),
      "@backprop/datasets": source("datasets"),
      "@backprop/linalg": source("linalg"),
    },
  );
  expect(logs).toEqual(["Epoch 1499: 4 / 4"]);
  expect(layers).toEqual(["best validation at epoch 39: test 99 / 100"]);
  expect(custom).toEqual(["sign SGD: 4 / 4"]);
});
