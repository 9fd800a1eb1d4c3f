import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { runReadmeExamples } from "../../../scripts/readme-examples";

it("the README example runs and prints what it says", async () => {
  const readme = fileURLToPath(new URL("../README.md", import.meta.url));
  const source = fileURLToPath(new URL("../src/index.ts", import.meta.url));
  const [logs] = await runReadmeExamples(readme, { "@backprop/linalg": source });
  expect(logs[0]).toBe("3 4 3 2");
  expect(logs[2]).toBe("gemm: cannot multiply 3×2 by 3×2: inner dimensions 2 and 3 differ");
});
