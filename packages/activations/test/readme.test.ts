import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { runReadmeExamples } from "../../../scripts/readme-examples";

it("the README example runs and prints what it says", async () => {
  const readme = fileURLToPath(new URL("../README.md", import.meta.url));
  const [logs] = await runReadmeExamples(readme, {
    "@backprop/activations": fileURLToPath(new URL("../src/index.ts", import.meta.url)),
  });
  expect(logs[0]).toBe("true true");
  expect(logs[1]).toBe("true");
  expect(logs[2]).toMatch(/at: 3/);
});
