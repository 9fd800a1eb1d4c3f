import { readFileSync } from "node:fs";
import { mergeConfig } from "vitest/config";
import { packageProject } from "../../vitest.shared.ts";

const { version } = JSON.parse(readFileSync(new URL("package.json", import.meta.url), "utf8"));

// The runtime tests load onnxruntime-web's WebAssembly and TensorFlow.js, and run 1,000
// MNIST images through each: more than vitest's default 5 s on a busy 2-core machine.
// src/version.ts reads the version from `define`, as in the build.
export default mergeConfig(packageProject("@backprop/formats", { testTimeout: 120_000 }), {
  define: { __BACKPROP_FORMATS_VERSION__: JSON.stringify(version) },
});
