import { INITIALIZERS } from "@backprop/network";
import { type Command, Option } from "commander";
import { examples, prepare } from "../command-support";
import { SHA256_HELP } from "../data";
import {
  layerSizes,
  nonNegativeInteger,
  oneOf,
  positiveInteger,
  positiveNumber,
  sha256List,
} from "../options";
import { runEvaluate } from "./evaluate";
import { runExplain } from "./explain";
import { runGradcheck } from "./gradcheck";
import { runInspect } from "./inspect";
import { runPredict } from "./predict";

/** The commands that read a saved model or explain one: evaluate, predict, inspect, gradcheck, explain. */
export function addModelCommands(program: Command): void {
  program
    .command("evaluate <model>")
    .description("accuracy, cost and confusion matrix of a saved model")
    .option("--dataset <name>", "the data (default: the one the model was trained on, else mnist)")
    .option("--sha256 <digests>", SHA256_HELP, sha256List("--sha256"))
    .addOption(
      new Option("--split <part>", "which part to evaluate")
        .choices(["test", "validation", "training"])
        .default("test"),
    )
    .option(
      "--seed <n>",
      "seed for splitting synthetic or CSV data",
      nonNegativeInteger("--seed"),
      0,
    )
    .option("--test-size <n>", "only the first n samples", positiveInteger("--test-size"))
    .addHelpText(
      "after",
      examples([
        "backprop evaluate model.json",
        "backprop evaluate model.json --split validation --json",
      ]),
    )
    .action(async (model: string, _options, command: Command) => {
      const { flags, output } = await prepare(command);
      await runEvaluate(
        model,
        {
          dataset: flags.dataset,
          sha256: flags.sha256,
          split: flags.split,
          seed: flags.seed,
          testSize: flags.testSize,
        },
        output,
      );
    });

  program
    .command("predict <model> [images...]")
    .description(
      "classify digit images (PNG or PGM, any size) or a test image, with ranked outputs and the digit drawn in text",
    )
    .option(
      "--index <n>",
      "the n-th image of the test set instead of a file",
      nonNegativeInteger("--index"),
    )
    .option("--dataset <name>", "where --index looks (default: the model's data set, else mnist)")
    .option("--sha256 <digests>", SHA256_HELP, sha256List("--sha256"))
    .option(
      "--seed <n>",
      "seed of a synthetic split (default: the model's training seed)",
      nonNegativeInteger("--seed"),
    )
    .option("--top <k>", "show the k best classes", positiveInteger("--top"), 3)
    .addHelpText(
      "after",
      examples([
        "backprop predict model.json --index 7",
        "backprop predict model.json my-digit.png",
      ]),
    )
    .action(async (model: string, images: string[], _options, command: Command) => {
      const { flags, output } = await prepare(command);
      await runPredict(
        model,
        images,
        {
          index: flags.index,
          dataset: flags.dataset,
          sha256: flags.sha256,
          seed: flags.seed,
          top: flags.top,
        },
        output,
      );
    });

  program
    .command("inspect <model>")
    .description(
      "architecture, parameter count, activations and training metadata of a saved model",
    )
    .addHelpText(
      "after",
      examples(["backprop inspect model.json", "backprop inspect model.json --json"]),
    )
    .action(async (model: string, _options, command: Command) => {
      const { output } = await prepare(command);
      runInspect(model, output);
    });

  program
    .command("gradcheck")
    .description("compare backprop's gradient with finite differences on a random network")
    .option("--layers <sizes>", "layer sizes (default 4,5,3)", layerSizes("--layers"))
    .option("--activation <name>", "hidden activation (a plugin's too)", "sigmoid")
    .option("--output-activation <name>", "output activation (default: as --activation)")
    .option("--cost <name>", "cost", "quadratic")
    .option("--init <name>", "initial weights", oneOf("--init", INITIALIZERS), "scaled")
    .option("--samples <n>", "random samples in the batch", positiveInteger("--samples"), 3)
    .option(
      "--per-layer <n>",
      "check only n random parameters per weight matrix and bias vector",
      positiveInteger("--per-layer"),
    )
    .option(
      "--tolerance <t>",
      "largest acceptable relative error",
      positiveNumber("--tolerance"),
      1e-6,
    )
    .option("--seed <n>", "seed", nonNegativeInteger("--seed"), 0)
    .addHelpText(
      "after",
      examples([
        "backprop gradcheck --layers 784,30,10 --per-layer 50",
        "backprop gradcheck --plugin ./swish.mjs --activation swish",
      ]),
    )
    .action(async (_options, command: Command) => {
      const { flags, output } = await prepare(command);
      runGradcheck(flags as never, output);
    });

  program
    .command("explain")
    .description(
      "one sample through the network, forward then backward, with the equation (BP1–BP4) behind each step",
    )
    .option("--model <file>", "a trained model (default: a fresh seed network)")
    .option("--index <n>", "which test image", nonNegativeInteger("--index"), 0)
    .option("--dataset <name>", "the data (default: the model's data set, else mnist)")
    .option("--sha256 <digests>", SHA256_HELP, sha256List("--sha256"))
    .option(
      "--seed <n>",
      "seed of the fresh network or of a synthetic split (default: the model's, else 0)",
      nonNegativeInteger("--seed"),
    )
    .addHelpText(
      "after",
      examples(["backprop explain", "backprop explain --model model.json --index 8"]),
    )
    .action(async (_options, command: Command) => {
      const { flags, output } = await prepare(command);
      await runExplain(
        {
          model: flags.model,
          index: flags.index,
          dataset: flags.dataset,
          sha256: flags.sha256,
          seed: flags.seed,
        },
        output,
      );
    });
}
