import { defineConfig, type Options } from "tsup";

/** Every library package builds the same way: ESM + CJS + .d.ts + sourcemaps for Node 20. */
export function libraryBuild(entry: Options["entry"] = ["src/index.ts"], extra: Options = {}) {
  return defineConfig({
    ...extra,
    entry,
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "node20",
    treeshake: true,
  });
}
