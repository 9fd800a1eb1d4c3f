import { libraryBuild } from "../../tsup.shared.ts";

// Two public entries: the browser-safe main one and "./node" (filesystem, zlib, cache).
export default libraryBuild({ index: "src/index.ts", node: "src/node.ts" });
