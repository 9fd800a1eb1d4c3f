import { activationNames, costNames } from "@backprop/activations";
import { INITIALIZERS } from "@backprop/network";
import { OPTIMIZER_NAMES } from "@backprop/optimizers";
import { Command, Option } from "commander";
import { runEvaluate } from "./commands/evaluate";
import { runExplain } from "./commands/explain";
import { runGradcheck } from "./commands/gradcheck";
import { runInspect } from "./commands/inspect";
import { runPredict } from "./commands/predict";
import { runTrain } from "./commands/train";
import { DATASET_HELP } from "./data";
import {
  collect,
  fraction,
  layerSizes,
  nonNegativeInteger,
  nonNegativeNumber,
  oneOf,
  positiveInteger,
  positiveNumber,
} from "./options";
import { createOutput } from "./output";
import { loadPlugins } from "./plugins";
import { PRESETS } from "./presets";

const examples = (lines: string[]) => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join("\n")}\n`;

/** Options given explicitly on the command line (not defaults), for --resume's checks. */
function explicitOptions(command: Command): Set<string> {
  return new Set(
    Object.keys(command.opts()).filter((key) => command.getOptionValueSource(key) === "cli"),
  );
}

/** Loads plugins and builds the output for a subcommand from the global options. */
async function prepare(command: Command) {
  const all = command.optsWithGlobals();
  await loadPlugins(all.plugin);
  return { flags: all, output: createOutput(all) };
}

export function buildProgram(): Command {
  const program = new Command("backprop")
    .description(
      "Train, inspect and explain feed-forward neural networks: backpropagation as dynamic programming.",
    )
    .version("0.0.0")
    .option(
      "--plugin <file>",
      "an ES module that registers custom activations or costs (repeatable)",
      collect,
    )
    .option("--json", "print one JSON object per line (per epoch, then a summary) instead of text")
    .option("-q, --quiet", "print only results, no progress or notes")
    .exitOverride() // set before the subcommands are added, so they inherit it
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText(
      "after",
      examples([
        "backprop train                          # the seed's experiment: MNIST, 784-30-10, η = 3, 30 epochs",
        "backprop train --preset network2 --save model.json",
        "backprop predict model.json --index 0",
        "backprop explain --model model.json",
      ]),
    );

  program
    .command("train")
    .description("train a network; with no options, the seed's network on MNIST")
    .addOption(
      new Option(
        "--preset <name>",
        `settings to start from: ${Object.entries(PRESETS)
          .map(([k, p]) => `${k} (${p.description})`)
          .join("; ")}`,
      ).argParser(oneOf("--preset", Object.keys(PRESETS))),
    )
    .option("--dataset <name>", `the data: ${DATASET_HELP}`)
    .option(
      "--layers <sizes>",
      "layer sizes, input first (default 784,30,10)",
      layerSizes("--layers"),
    )
    .option(
      "--activation <name>",
      `hidden layers' activation (default sigmoid); built in: ${activationNames().join(", ")}`,
    )
    .option(
      "--output-activation <name>",
      "the output layer's activation (default: as --activation)",
    )
    .option("--cost <name>", `cost (default quadratic): ${costNames().join(", ")}`)
    .option(
      "--init <name>",
      `initial weights: ${INITIALIZERS.join(", ")} (default standard, the seed's N(0, 1))`,
      oneOf("--init", INITIALIZERS),
    )
    .option(
      "--optimizer <name>",
      `update rule: ${OPTIMIZER_NAMES.join(", ")} (default sgd)`,
      oneOf("--optimizer", OPTIMIZER_NAMES),
    )
    .option("--momentum <mu>", "μ for momentum and nesterov (default 0.9)", fraction("--momentum"))
    .option("--beta1 <b>", "Adam's β₁ (default 0.9)", fraction("--beta1"))
    .option("--beta2 <b>", "Adam's β₂ (default 0.999)", fraction("--beta2"))
    .option("--eta <rate>", "learning rate η (default 3.0)", positiveNumber("--eta"))
    .option(
      "--lambda <l>",
      "regularisation strength λ, scaled by the training set's size (default 0)",
      nonNegativeNumber("--lambda"),
    )
    .option(
      "--regularization <kind>",
      "l2 or l1 (default l2)",
      oneOf("--regularization", ["l2", "l1"] as const),
    )
    .option("--batch-size <m>", "mini-batch size (default 10)", positiveInteger("--batch-size"))
    .option("--epochs <n>", "epochs (default 30)", positiveInteger("--epochs"))
    .option(
      "--seed <n>",
      "seed for the weights, the shuffles and synthetic data (default 0)",
      nonNegativeInteger("--seed"),
    )
    .option("--validation", "hold out validation data and evaluate on it every epoch")
    .option(
      "--early-stop <patience>",
      "stop after this many epochs without a better validation accuracy, keeping the best weights",
      positiveInteger("--early-stop"),
    )
    .option(
      "--train-size <n>",
      "train on only the first n training samples",
      positiveInteger("--train-size"),
    )
    .option(
      "--test-size <n>",
      "evaluate on only the first n test samples",
      positiveInteger("--test-size"),
    )
    .option("--save <file>", "write the trained model (JSON) here")
    .option(
      "--checkpoint <file>",
      "after every epoch, write the model and the full training state here (atomically)",
    )
    .option(
      "--resume <file>",
      "continue from a checkpoint, with its settings (--epochs may raise the total)",
    )
    .addHelpText(
      "after",
      examples([
        "backprop train",
        "backprop train --layers 784,100,10 --epochs 10 --save model.json",
        "backprop train --preset network2 --early-stop 5",
        "backprop train --dataset moons --layers 2,16,2 --activation tanh --output-activation softmax --cost logLikelihood --eta 0.1",
        "backprop train --optimizer adam --eta 0.001 --cost crossEntropy --init scaled",
        "backprop train --checkpoint run.ckpt   # then, after a crash or Ctrl-C: backprop train --resume run.ckpt",
        "backprop train --plugin ./swish.mjs --activation swish --init xavier --eta 0.5",
      ]),
    )
    .action(async (_options, command: Command) => {
      const { flags, output } = await prepare(command);
      await runTrain(flags, explicitOptions(command), output);
    });

  program
    .command("evaluate <model>")
    .description("accuracy, cost and confusion matrix of a saved model")
    .option("--dataset <name>", "the data (default: the one the model was trained on, else mnist)")
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
        { dataset: flags.dataset, split: flags.split, seed: flags.seed, testSize: flags.testSize },
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
    .option(
      "--seed <n>",
      "seed of a synthetic split (default: the model's training seed)",
      nonNegativeInteger("--seed"),
    )
    .option("--top <k>", "show the k best classes (default 3)", positiveInteger("--top"), 3)
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
        { index: flags.index, dataset: flags.dataset, seed: flags.seed, top: flags.top },
        output,
      );
    });

  program
    .command("gradcheck")
    .description("compare backprop's gradient with finite differences on a random network")
    .option("--layers <sizes>", "layer sizes (default 4,5,3)", layerSizes("--layers"), [4, 5, 3])
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
    .command("explain")
    .description(
      "one sample through the network, forward then backward, with the equation (BP1–BP4) behind each step",
    )
    .option("--model <file>", "a trained model (default: a fresh seed network)")
    .option("--index <n>", "which test image", nonNegativeInteger("--index"), 0)
    .option("--dataset <name>", "the data (default: the model's data set, else mnist)")
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
        { model: flags.model, index: flags.index, dataset: flags.dataset, seed: flags.seed },
        output,
      );
    });

  return program;
}
