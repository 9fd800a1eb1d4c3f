import { libraryBuild } from "../../tsup.shared.ts";

// Two entries need two more settings:
// - splitting in both formats, so `index` and `node` share one copy of each class
//   (an error thrown by the node entry is `instanceof DatasetError` from the main entry);
// - shims, so the CJS build gets a working `import.meta.url` (node/mnist-files.ts uses it).
export default libraryBuild(["src/index.ts", "src/node.ts"], { splitting: true, shims: true });
