import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { runReadmeExamples } from "../../../scripts/readme-examples";

it("the README examples run and print what they say", async () => {
  const source = (pkg: string) =>
    fileURLToPath(new URL(`../../${pkg}/src/index.ts`, import.meta.url));
  const [logs, predictLogs, layerLogs, layerFileLogs] = await runReadmeExamples(
    fileURLToPath(new URL("../README.md", import.meta.url)),
    {
      "@backprop/network": source("network"),
      "@backprop/linalg": source("linalg"),
    },
  );
  expect(logs).toEqual(["3×1 1×1", "true", "true"]);
  expect(predictLogs).toEqual(["true true"]);
  expect(layerLogs).toEqual(["true", "true"]);
  expect(layerFileLogs).toEqual(["true 30"]);
});
