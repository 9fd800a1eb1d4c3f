/**
 * TensorFlow.js layers models of @backprop/network's models: `exportTfjs` writes model.json
 * and the weights binary that tf.loadLayersModel loads (float32; channels-last, with the
 * layouts converted), `importTfjs` reads Sequential models of the same layers back.
 * Browser-safe, and no dependency on TensorFlow.js itself.
 *
 * @module @backprop/formats/tfjs
 */
export { ExportError } from "./errors";
export { TfjsFormatError } from "./tfjs/errors";
export type { TfjsExportOptions, TfjsModel } from "./tfjs/export-tfjs";
export { exportTfjs, TFJS_WEIGHTS_FILE } from "./tfjs/export-tfjs";
export type { TfjsImport, TfjsImportOptions } from "./tfjs/import-tfjs";
export { importTfjs } from "./tfjs/import-tfjs";
export type { TfjsLayerJson, TfjsModelJson, TfjsWeightSpec } from "./tfjs/tfjs-types";
