/**
 * ONNX files of @backprop/network's models: `exportOnnx` writes a Network or LayerNetwork
 * (opset 17, float32 or float64), `importOnnx` reads the same subset back, including what
 * PyTorch's torch.onnx.export writes for such models. Browser-safe (no Node built-ins).
 *
 * @module @backprop/formats/onnx
 */
export { ExportError } from "./errors";
export { OnnxFormatError, OnnxUnsupportedError } from "./onnx/errors";
export type { OnnxExportOptions } from "./onnx/export-onnx";
export { exportOnnx, ONNX_IR_VERSION, ONNX_OPSET } from "./onnx/export-onnx";
export type { OnnxImport, OnnxImportOptions } from "./onnx/import-onnx";
export { importOnnx } from "./onnx/import-onnx";
export type {
  OnnxActivationExporter,
  OnnxAttribute,
  OnnxExportContext,
  OnnxNode,
} from "./onnx/onnx-node";
