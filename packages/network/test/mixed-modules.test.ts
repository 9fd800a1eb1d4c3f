import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

/**
 * One process, both module systems, from the built packages (`pnpm test` builds first):
 * the packages are ES modules only, and Node ≥ 20.19 `require()`s them (require(esm)), so
 * `import` and `require` share one module instance: one registry, one `sigmoid`. With a
 * second (CommonJS) copy, a name registered through one is unknown to the other, and
 * toNetwork2Json refuses the other copy's sigmoid.
 */
const script = (name: string) => fileURLToPath(new URL(`./${name}`, import.meta.url));
const dist = fileURLToPath(new URL("../dist/index.js", import.meta.url));

function run(name: string): Record<string, unknown> {
  expect(existsSync(dist), "build first: pnpm build").toBe(true);
  const out = execFileSync(process.execPath, [script(name)], { encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").at(-1) ?? "{}");
}

it("an ES module that also requires: registered through import, loaded through require", () => {
  expect(run("mixed-modules.mjs")).toEqual({
    loaded: "halfSquare,halfSquare",
    network2: "2-3-2",
    sameSigmoid: true,
    sameMatrix: true,
    sameRegistry: true,
  });
});

it("a CommonJS program that also imports: registered through require, loaded through import()", () => {
  expect(run("mixed-modules.cjs")).toEqual({
    loaded: "halfSquare,halfSquare",
    network2: "2-3-2",
    sameSigmoid: true,
    sameRegistry: true,
  });
});
