import { Command } from "commander";
import { examples } from "./command-support";
import { addInteropCommands } from "./commands/interop-commands";
import { addModelCommands } from "./commands/model-commands";
import { addTrainCommand } from "./commands/train-command";
import { collect } from "./options";

/** The `backprop` command: global options (plugins, output) and every subcommand. */
export function buildProgram(): Command {
  const program = new Command("backprop")
    .description(
      "Train, inspect and explain feed-forward neural networks: backpropagation as dynamic programming.",
    )
    .version("0.0.0")
    .option(
      "--plugin <file>",
      "an ES module that registers custom activations or costs (repeatable); a plugin is code and runs with your rights: give only plugins you trust",
      collect,
    )
    .option("--json", "print one JSON object per line (per epoch, then a summary) instead of text")
    .option("-q, --quiet", "print only results, no progress or notes")
    .exitOverride() // set before the subcommands are added, so they inherit it
    // and this: each subcommand's --help lists --plugin, --json and --quiet too
    .configureHelp({ showGlobalOptions: true })
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

  addTrainCommand(program);
  addModelCommands(program);
  addInteropCommands(program);
  return program;
}
