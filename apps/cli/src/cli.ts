#!/usr/bin/env node
import {
  DuplicateNameError,
  InvalidDefinitionError,
  UnknownNameError,
} from "@backprop/activations";
import { NetworkShapeError } from "@backprop/network";
import { TrainingOptionsError } from "@backprop/optimizers";
import { CommanderError } from "commander";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from "./errors";
import { buildProgram } from "./program";

/** Errors the user fixes by changing the command line: exit code 2. */
function isUsageError(error: unknown): boolean {
  return (
    error instanceof UsageError ||
    error instanceof UnknownNameError ||
    error instanceof DuplicateNameError ||
    error instanceof InvalidDefinitionError ||
    error instanceof NetworkShapeError ||
    error instanceof TrainingOptionsError
  );
}

/** An error is one line a person reads: a message built from a huge input is cut short. */
const MAX_MESSAGE = 1000;
function shorten(message: string): string {
  return message.length <= MAX_MESSAGE
    ? message
    : `${message.slice(0, MAX_MESSAGE)}… (${message.length - MAX_MESSAGE} more characters)`;
}

async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed its message; help and --version are successes.
      return error.code === "commander.helpDisplayed" ||
        error.code === "commander.version" ||
        error.code === "commander.help"
        ? EXIT_OK
        : EXIT_USAGE;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`backprop: ${shorten(message)}\n`);
    if (process.env.BACKPROP_DEBUG && error instanceof Error)
      process.stderr.write(`${error.stack}\n`);
    return isUsageError(error) ? EXIT_USAGE : EXIT_FAILURE;
  }
}

// A reader that stops early (`backprop evaluate model.json | head`) closes the pipe: the
// output it wanted is written, so that ends the command quietly, not with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(process.exitCode ?? EXIT_OK);
  });
}

main(process.argv).then((code) => {
  process.exitCode = code;
});
