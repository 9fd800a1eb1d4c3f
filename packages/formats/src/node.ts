/**
 * The Node entry of `@backprop/formats`: models to and from files. `writeTfjsModel` writes
 * model.json and group1-shard1of1.bin into a folder; `readTfjsModel` reads such a folder
 * (every shard the manifest names); `writeOnnxModel` and `readOnnxModel` do the same for a
 * .onnx file. Everything else is in the browser-safe entries "./onnx" and "./tfjs".
 *
 * @module @backprop/formats/node
 */
export { readOnnxModel, writeOnnxModel } from "./node/onnx-files";
export { readTfjsModel, writeTfjsModel } from "./node/tfjs-files";
