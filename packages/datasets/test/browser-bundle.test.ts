import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { expect, it } from "vitest";

// The main entry must bundle for a browser: esbuild's browser platform cannot resolve Node
// built-ins, so an import of node:fs (even an indirect one) fails the build.
const entry = (name: string) => fileURLToPath(new URL(`../src/${name}`, import.meta.url));

function bundle(file: string) {
  return build({
    entryPoints: [file],
    bundle: true,
    write: false,
    platform: "browser",
    format: "esm",
    conditions: ["@backprop/source"],
    logLevel: "silent",
  });
}

it("the main entry bundles for the browser without Node built-ins", async () => {
  const result = await bundle(entry("index.ts"));
  expect(result.errors).toEqual([]);
  const code = result.outputFiles[0].text;
  expect(code).toContain("DecompressionStream");
  expect(code).not.toMatch(/\bfrom\s+["']node:|require\(["']node:/);
});

it("the check does catch Node built-ins: the node entry fails to bundle for the browser", async () => {
  await expect(bundle(entry("node.ts"))).rejects.toThrow(/node:/);
});
