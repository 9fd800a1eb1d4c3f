import { statSync } from "node:fs";
import { join } from "node:path";
import { readTfjsModel } from "@backprop/formats/node";
import { LayerNetwork, layerModelToJson, modelToJson, type Network } from "@backprop/network";
import { UsageError } from "../errors";
import { checkWritable, writeFileAtomic } from "../io/atomic-write";
import { readJsonText } from "../io/read-file";
import { isOnnxPath, readOnnxFile } from "../model-formats";
import type { Output } from "../output";

export interface ImportFlags {
  /** The model file to write (our JSON). */
  output: string;
}

/**
 * `backprop import PATH --output MODEL.json`: an ONNX file (ours, or PyTorch's
 * torch.onnx.export of an MLP or a small conv net) or a TensorFlow.js layers model (its
 * model.json or folder) as our model file: version 1 when every layer is dense (the seed's
 * Network), else version 2. The result trains, evaluates and exports again like any model.
 */
export async function runImport(path: string, flags: ImportFlags, output: Output): Promise<void> {
  checkWritable(flags.output, "--output");
  let network: Network | LayerNetwork;
  let metadata: Record<string, unknown>;
  let what: string;
  if (isOnnxPath(path)) {
    ({ network, metadata } = readOnnxFile(path));
    what = "ONNX";
  } else {
    const modelJson = isFolder(path) ? join(path, "model.json") : path;
    readJsonText(modelJson, "the TensorFlow.js model.json"); // a typed error if it is missing or not a file
    if (!/\.json$/i.test(modelJson)) {
      throw new UsageError(
        `import: ${path} is neither an .onnx file nor a TensorFlow.js model (model.json or its folder)`,
      );
    }
    const read = await readTfjsModel(modelJson);
    network = read.network;
    metadata = { ...read.metadata, importedFrom: path };
    what = "TensorFlow.js";
  }
  const text =
    network instanceof LayerNetwork
      ? layerModelToJson(network, metadata)
      : modelToJson(network, metadata);
  writeFileAtomic(flags.output, text, "--output");
  const kind = network instanceof LayerNetwork ? "layer model (version 2)" : "network (version 1)";
  output.record({ event: "import", format: what, from: path, output: flags.output, kind });
  output.say(`Wrote ${flags.output}: the ${what} model as a ${kind}, ${network.dtype}.`, true);
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
