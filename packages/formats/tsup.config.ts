import { readFileSync } from "node:fs";
import type { Options } from "tsup";
import { libraryBuild } from "../../tsup.shared.ts";

const { version } = JSON.parse(readFileSync(new URL("package.json", import.meta.url), "utf8"));

// Three public entries, so each import carries only its own format: "./onnx" (protobufjs),
// "./tfjs" (no dependency beyond the network) and "./node" (writes and reads files).
// src/version.ts reads the version from `define`.
export default {
  ...(libraryBuild({ onnx: "src/onnx.ts", tfjs: "src/tfjs.ts", node: "src/node.ts" }) as Options),
  define: { __BACKPROP_FORMATS_VERSION__: JSON.stringify(version) },
};
