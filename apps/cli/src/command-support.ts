import type { Command } from "commander";
import { createOutput } from "./output";
import { loadPlugins } from "./plugins";

/** Help text's examples section, one `$ command` per line. */
export const examples = (lines: string[]) =>
  `\nExamples:\n${lines.map((l) => `  $ ${l}`).join("\n")}\n`;

/** Options given explicitly on the command line (not defaults), for --resume's checks. */
export function explicitOptions(command: Command): Set<string> {
  return new Set(
    Object.keys(command.opts()).filter((key) => command.getOptionValueSource(key) === "cli"),
  );
}

/** Loads plugins and builds the output for a subcommand from the global options. */
export async function prepare(command: Command) {
  const all = command.optsWithGlobals();
  await loadPlugins(all.plugin);
  return { flags: all, output: createOutput(all) };
}
