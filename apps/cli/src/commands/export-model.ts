import { join } from "node:path";
import { exportOnnx } from "@backprop/formats/onnx";
import { exportTfjs, TFJS_WEIGHTS_FILE } from "@backprop/formats/tfjs";
import { checkWritable, writeFileAtomic } from "../io/atomic-write";
import { readModel } from "../model-io";
import type { Output } from "../output";

export interface ExportFlags {
  format: "onnx" | "tfjs";
  /** The .onnx file, or the folder that gets model.json and its weights (tfjs). */
  output: string;
}

/**
 * `backprop export MODEL --format onnx|tfjs --output PATH`: a saved model (either model
 * file version, or an ONNX file) as ONNX (opset 17, the model's own precision, every weight
 * bit for bit) or as a TensorFlow.js layers model (model.json and group1-shard1of1.bin,
 * float32), with the model's metadata.
 */
export function runExport(path: string, flags: ExportFlags, output: Output): void {
  const { network, metadata } = readModel(path);
  const name = typeof metadata.name === "string" ? metadata.name : undefined;
  if (flags.format === "onnx") {
    checkWritable(flags.output, "--output");
    const bytes = exportOnnx(network, { metadata, ...(name ? { name } : {}) });
    writeFileAtomic(flags.output, bytes, "--output");
    output.record({
      event: "export",
      format: "onnx",
      model: path,
      output: flags.output,
      bytes: bytes.length,
    });
    output.say(
      `Wrote ${flags.output} (ONNX, opset 17, ${network.dtype}, ${bytes.length} bytes): input "input", output "output".`,
      true,
    );
    return;
  }
  const modelJsonPath = join(flags.output, "model.json");
  const weightsPath = join(flags.output, TFJS_WEIGHTS_FILE);
  checkWritable(modelJsonPath, "--output");
  const { modelJson, weightData } = exportTfjs(network, { metadata });
  writeFileAtomic(weightsPath, new Uint8Array(weightData), "--output");
  writeFileAtomic(modelJsonPath, JSON.stringify(modelJson), "--output");
  output.record({
    event: "export",
    format: "tfjs",
    model: path,
    output: modelJsonPath,
    bytes: weightData.byteLength,
  });
  output.say(
    `Wrote ${modelJsonPath} and ${weightsPath} (TensorFlow.js layers model, float32${network.dtype === "float64" ? ": the float64 weights rounded" : ""}); load it with tf.loadLayersModel.`,
    true,
  );
}
