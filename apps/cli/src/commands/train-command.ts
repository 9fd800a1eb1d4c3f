import { activationNames, costNames } from "@backprop/activations";
import { INITIALIZERS } from "@backprop/network";
import { OPTIMIZER_NAMES, SHUFFLES } from "@backprop/optimizers";
import { type Command, Option } from "commander";
import { examples, explicitOptions, prepare } from "../command-support";
import { DATASET_HELP, SHA256_HELP } from "../data";
import { LAYER_SPEC_HELP, layersOption } from "../layer-spec";
import {
  fraction,
  nonNegativeInteger,
  nonNegativeNumber,
  oneOf,
  positiveInteger,
  positiveNumber,
  sha256List,
} from "../options";
import { LAYER_PRESETS, PRESETS } from "../presets";
import { runTrain } from "./train";

/** `backprop train`: every option of the libraries, with the seed's experiment as the default. */
export function addTrainCommand(program: Command): void {
  program
    .command("train")
    .description("train a network; with no options, the seed's network on MNIST")
    .addOption(
      new Option(
        "--preset <name>",
        `settings to start from: ${[...Object.entries(PRESETS), ...Object.entries(LAYER_PRESETS)]
          .map(([k, p]) => `${k} (${p.description})`)
          .join("; ")}`,
      ).argParser(oneOf("--preset", [...Object.keys(PRESETS), ...Object.keys(LAYER_PRESETS)])),
    )
    .option("--dataset <name>", `the data: ${DATASET_HELP}`)
    .option("--sha256 <digests>", SHA256_HELP, sha256List("--sha256"))
    .option(
      "--layers <sizes|spec>",
      `layer sizes, input first (default 784,30,10); or a layer network (the book's chapter 6): ${LAYER_SPEC_HELP}, e.g. conv:20x5,maxpool:2,dense:100,dense:10 (input shape from the data; settings not given start from --preset conv1's)`,
      layersOption("--layers"),
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
      `initial weights: ${INITIALIZERS.join(", ")} (default standard, the seed's N(0, 1)), or network3 for layer networks (the book's, the conv presets' default)`,
      oneOf("--init", [...INITIALIZERS, "network3"]),
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
    .option(
      "--weight-decay <mode>",
      "how λ's decay meets momentum or Adam: decoupled (default; AdamW/SGDW, and network2.py's rule for SGD) or coupled (added to the gradient, as PyTorch's weight_decay)",
      oneOf("--weight-decay", ["decoupled", "coupled"] as const),
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
    .option(
      "--shuffle <when>",
      "layer networks: the order mini-batches are cut in: every-epoch (a new shuffle each epoch, as the seed), never (the data's order, as network3.py) or once (one seeded shuffle, then that order every epoch, as network3.py on the expanded data). Default every-epoch; the conv presets use network3's (never, or once on the expanded data)",
      oneOf("--shuffle", SHUFFLES),
    )
    .option(
      "--dtype <type>",
      "float64 (default, the seed's precision) or float32 (faster, half the memory)",
      oneOf("--dtype", ["float64", "float32"] as const),
    )
    .option(
      "--threads <n>",
      "1, 2 or auto (default: a second thread only while it measures faster, checked again as training runs; layer networks too); the weights are the same either way",
      oneOf("--threads", ["1", "2", "auto"] as const),
    )
    .option(
      "--kernels <name>",
      "auto (default: WebAssembly SIMD), js (the plain-JS reference, slow) or fma (fused multiply-adds for the dense layers where the engine has relaxed SIMD: Node >= 22, or node --experimental-wasm-relaxed-simd; a little faster on wide networks, but the weights are no longer the seed's bit for bit)",
      oneOf("--kernels", ["auto", "js", "fma"] as const),
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
        "backprop train --dtype float32 --threads 2",
        "backprop train --preset network2 --early-stop 5",
        "backprop train --dataset moons --layers 2,16,2 --activation tanh --output-activation softmax --cost logLikelihood --eta 0.1",
        "backprop train --optimizer adam --eta 0.001 --cost crossEntropy --init scaled",
        "backprop train --checkpoint run.ckpt   # then, after a crash or Ctrl-C: backprop train --resume run.ckpt",
        "backprop train --plugin ./swish.mjs --activation swish --init xavier --eta 0.5",
        "backprop train --preset conv1 --epochs 1 --train-size 10000 --test-size 2000",
        "backprop train --layers conv:20x5,maxpool:2,dense:100,dense:10 --epochs 5 --save conv.json",
        "backprop train --preset conv2-relu --layers conv:32x3:same,maxpool:2,dense:100,dense:10",
      ]),
    )
    .action(async (_options, command: Command) => {
      const { flags, output } = await prepare(command);
      await runTrain(flags, explicitOptions(command), output);
    });
}
