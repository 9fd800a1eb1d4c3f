// Bundles main.ts for the browser into dist/main.js (ES module, minified) with esbuild.
// platform "browser" cannot resolve Node built-ins, so an import of node:fs anywhere in
// the graph fails this build: the proof that the packages' main entries run in a page.
//
//   node examples/browser/build.mjs [--source]
//
// --source bundles the packages' TypeScript sources (the "@backprop/source" condition)
// instead of their built dist/, so it works without `pnpm build`; the tests use it.
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const source = process.argv.includes("--source");

const result = await build({
  entryPoints: [here("./main.ts")],
  outfile: here("./dist/main.js"),
  bundle: true,
  minify: true,
  platform: "browser",
  format: "esm",
  target: "es2022",
  conditions: source ? ["@backprop/source"] : [],
  metafile: true,
  logLevel: "warning",
});
// Everything must be inside the bundle: a page has no node_modules to import from.
const outputs = Object.values(result.metafile.outputs);
const external = outputs.flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
const bytes = outputs.reduce((sum, o) => sum + o.bytes, 0);
console.log(
  `bundled dist/main.js for the browser: ${(bytes / 1024).toFixed(0)} KiB, external imports: ${external.join(", ") || "none"}`,
);
if (external.length > 0) process.exitCode = 1;
