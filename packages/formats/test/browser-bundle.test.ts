import { build } from "esbuild";
import { expect, it } from "vitest";

// The "./onnx" and "./tfjs" entries run in a page: esbuild's browser platform cannot
// resolve Node built-ins, so a node: import anywhere in their graph fails the bundle, and
// nothing may stay outside it. The TensorFlow.js side carries no protobufjs.
async function bundle(code: string): Promise<{ text: string; external: string[] }> {
  const result = await build({
    stdin: { contents: code, resolveDir: new URL(".", import.meta.url).pathname, loader: "ts" },
    bundle: true,
    minify: true,
    write: false,
    platform: "browser",
    format: "esm",
    conditions: ["@backprop/source"],
    metafile: true,
    logLevel: "silent",
  });
  const external = Object.values(result.metafile.outputs).flatMap((o) =>
    o.imports.filter((i) => i.external).map((i) => i.path),
  );
  return { text: result.outputFiles[0].text, external };
}

it("@backprop/formats/onnx bundles for the browser", async () => {
  const { text, external } = await bundle(
    'import { exportOnnx, importOnnx } from "../src/onnx"; console.log(exportOnnx, importOnnx);',
  );
  expect(external).toEqual([]);
  expect(text).toContain("index out of range"); // protobufjs's Reader is in
  console.log(
    `browser bundle of exportOnnx + importOnnx: ${(text.length / 1024).toFixed(0)} KiB minified`,
  );
});

it("@backprop/formats/tfjs bundles for the browser, without protobufjs", async () => {
  const { text, external } = await bundle(
    'import { exportTfjs, importTfjs } from "../src/tfjs"; console.log(exportTfjs, importTfjs);',
  );
  expect(external).toEqual([]);
  expect(text).not.toContain("index out of range");
  console.log(
    `browser bundle of exportTfjs + importTfjs: ${(text.length / 1024).toFixed(0)} KiB minified`,
  );
});
