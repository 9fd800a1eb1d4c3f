import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { runReadmeExamples } from "../../../scripts/readme-examples";

it("the README example runs and prints what it says", async () => {
  const path = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));
  const [load] = await runReadmeExamples(path("../README.md"), {
    "@backprop/mnist": path("../src/index.ts"),
  });
  expect(load).toEqual(["50000 10000 10000", "60000 10000"]);
});
