import type { Command } from "commander";
import { examples, prepare } from "../command-support";
import { oneOf } from "../options";
import { runExport } from "./export-model";
import { runImport } from "./import-model";

/** `backprop export` and `backprop import`: models to and from ONNX and TensorFlow.js. */
export function addInteropCommands(program: Command): void {
  program
    .command("export <model>")
    .description(
      "write a saved model as ONNX (opset 17, its own precision, weights bit for bit) or as a TensorFlow.js layers model (float32)",
    )
    .requiredOption("--format <name>", "onnx or tfjs", oneOf("--format", ["onnx", "tfjs"] as const))
    .requiredOption(
      "--output <path>",
      "the .onnx file, or (tfjs) the folder that gets model.json and group1-shard1of1.bin",
    )
    .addHelpText(
      "after",
      `\nReads either model file version, or an .onnx file. ONNX runs in onnxruntime (Python, C++, the browser); the TensorFlow.js folder loads with tf.loadLayersModel("…/model.json").\n${examples(
        [
          "backprop export model.json --format onnx --output model.onnx",
          "backprop export conv1.json --format tfjs --output conv1-tfjs",
        ],
      )}`,
    )
    .action(async (model: string, _options, command: Command) => {
      const { flags, output } = await prepare(command);
      runExport(model, { format: flags.format, output: flags.output }, output);
    });

  program
    .command("import <path>")
    .description(
      "read an ONNX file (ours, or PyTorch's export of an MLP or small conv net) or a TensorFlow.js layers model and save it as our model file",
    )
    .requiredOption("--output <file>", "the model file to write (JSON)")
    .addHelpText(
      "after",
      `\nDense-only models become sizes-list networks (version 1), others layer models (version 2). evaluate, predict and inspect also read .onnx files directly.\n${examples(
        [
          "backprop import pytorch-mlp.onnx --output mlp.json",
          "backprop import tfjs-folder --output model.json",
          "backprop evaluate model.onnx",
        ],
      )}`,
    )
    .action(async (path: string, _options, command: Command) => {
      const { flags, output } = await prepare(command);
      await runImport(path, { output: flags.output }, output);
    });
}
