import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { runReadmeExamples } from "../../../scripts/readme-examples";

it("the README examples run and print what they say", async () => {
  const source = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
  const logs = await runReadmeExamples(fileURLToPath(new URL("../README.md", import.meta.url)), {
    "@backprop/formats/onnx": source("formats/src/onnx.ts"),
    "@backprop/formats/tfjs": source("formats/src/tfjs.ts"),
    "@backprop/network": source("network/src/index.ts"),
    "@backprop/linalg": source("linalg/src/index.ts"),
  });
  expect(logs).toEqual([
    ["true 30 backprop true"],
    ["true true"],
    ["Conv2D MaxPooling2D Flatten Dense", "true"],
  ]);
});
