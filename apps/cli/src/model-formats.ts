import { importOnnx } from "@backprop/formats/onnx";
import { LayerNetwork, type Network } from "@backprop/network";
import { readRegularFile } from "./io/read-file";
import type { LoadedModel } from "./model-io";

/**
 * The largest ONNX file the CLI reads: 1 GiB, far above any model this project builds
 * (conv2-dropout's 1.7 M float64 weights are 14 MB), checked before anything is read.
 */
const MAX_ONNX_BYTES = 2 ** 30;

/** Whether `path` names an ONNX file (by its extension, as ONNX tools name them). */
export function isOnnxPath(path: string): boolean {
  return /\.onnx$/i.test(path);
}

/**
 * An ONNX file read as one of our models (see @backprop/formats' importOnnx: what our export
 * writes and what torch.onnx.export writes for MLPs and small conv nets). Its metadata is
 * what our export stored, else the file's metadata_props, plus where it came from.
 */
export function readOnnxFile(path: string): LoadedModel {
  const bytes = readRegularFile(path, "the ONNX file", MAX_ONNX_BYTES);
  const { network, metadata, producer } = importOnnx(new Uint8Array(bytes));
  const from = { importedFrom: path, producer: `${producer.name} ${producer.version}`.trim() };
  if (network instanceof LayerNetwork) {
    return { kind: "layers", network, metadata: { ...metadata, ...from } };
  }
  return { kind: "network", network: network as Network, metadata: { ...metadata, ...from } };
}
