import { INITIALIZERS } from "@backprop/network";
import { type Command, Option } from "commander";
import { examples, prepare } from "../command-support";
import { SHA256_HELP } from "../data";
import { LAYER_SPEC_HELP, layersOption } from "../layer-spec";
import { nonNegativeInteger, oneOf, positiveInteger, positiveNumber, sha256List } from "../options";
import { runEvaluate } from "./evaluate";
import { runExplain } from "./explain";
import { runGradcheck } from "./gradcheck";
import { shapeOption } from "./gradcheck-layers";
import { runInspect } from "./inspect";
import { runPredict } from "./predict";

/** Said in each model command's help: which files it reads. */
const BOTH_VERSIONS =
  "Reads both model file versions: a sizes-list network (version 1, `train --save`) and a layer model (version 2, `train --preset conv1 --save` or `--layers conv:20x5,maxpool:2,dense:100,dense:10 --save`).";

/** The commands that read a saved model or explain one: evaluate, predict, inspect, gradcheck, explain. */
export function addModelCommands(program: Command): void {
  program
    .command("evaluate <model>")
    .description(
      "accuracy, cost and confusion matrix of a saved model (a network or a layer model)",
    )
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
      `\n${BOTH_VERSIONS}\n${examples([
        "backprop evaluate model.json",
        "backprop evaluate model.json --split validation --json",
        "backprop evaluate conv1.json --test-size 1000",
      ])}`,
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
      "classify digit images (PNG or PGM, any size) or a test image, with ranked outputs and the digit drawn in text (a network or a layer model)",
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
      `\n${BOTH_VERSIONS} Images are read as 28×28 grey digits, so a layer model must take 1×28×28 inputs.\n${examples(
        [
          "backprop predict model.json --index 7",
          "backprop predict model.json my-digit.png",
          "backprop predict conv1.json my-digit.png",
        ],
      )}`,
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
      "architecture (a layer model: each layer's shapes C×H×W), parameter count, activations and training metadata of a saved model",
    )
    .addHelpText(
      "after",
      `\n${BOTH_VERSIONS}\n${examples([
        "backprop inspect model.json",
        "backprop inspect conv1.json --json",
      ])}`,
    )
    .action(async (model: string, _options, command: Command) => {
      const { output } = await prepare(command);
      runInspect(model, output);
    });

  program
    .command("gradcheck")
    .description(
      "compare backprop's gradient with finite differences on a random network (sizes or a layer spec)",
    )
    .option(
      "--layers <sizes|spec>",
      `layer sizes (default 4,5,3), or a layer spec: ${LAYER_SPEC_HELP}`,
      layersOption("--layers"),
    )
    .option(
      "--input <CxHxW>",
      "one random sample's shape for a layer spec (default 1x8x8)",
      shapeOption("--input"),
    )
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
        "backprop gradcheck --layers conv:2x3,maxpool:2,dense:3",
        "backprop gradcheck --layers conv:4x5,maxpool:2,conv:8x3,dense:10 --input 1x16x16 --per-layer 20",
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
    .option(
      "--model <file>",
      "a trained model, a network or a layer model (default: a fresh seed network)",
    )
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
      `\n${BOTH_VERSIONS} A layer model is explained layer by layer: dense, conv2d, pooling and flatten each with its own form of BP2.\n${examples(
        [
          "backprop explain",
          "backprop explain --model model.json --index 8",
          "backprop explain --model conv1.json",
        ],
      )}`,
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
