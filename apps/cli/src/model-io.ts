import { UnknownNameError } from "@backprop/activations";
import { loadModel, type Network } from "@backprop/network";
import { UsageError } from "./errors";
import { readJsonText } from "./io/read-file";

/** Reads a model file written by `backprop train --save` (names resolve through loaded plugins). */
export function readModel(path: string): { network: Network; metadata: Record<string, unknown> } {
  const text = readJsonText(path, "the model file");
  try {
    return loadModel(text);
  } catch (error) {
    throw pluginAdvice(error, path) ?? error;
  }
}

/**
 * For a load that failed on a name no plugin registered: the library's advice
 * (defineActivation, registerActivation) is for code; here the user needs the plugin
 * that was given when the model was trained. Undefined for other errors.
 */
export function pluginAdvice(error: unknown, path: string): UsageError | undefined {
  const unknown = (error as Error)?.cause;
  if (!(unknown instanceof UnknownNameError)) return undefined;
  return new UsageError(
    `${path} uses the ${unknown.kind} ${quoteName(unknown.requested)}, which is not built in (built in: ${unknown.known.join(", ")}): ` +
      `give the plugin module that registers it, as when the model was trained: backprop --plugin <module.mjs> <command> ${path}`,
  );
}

/** A name from a file, quoted with control characters escaped and cut to a readable length. */
function quoteName(name: string): string {
  return JSON.stringify(name.length > 60 ? `${name.slice(0, 60)}…` : name);
}

/**
 * The parts of a model file that need no activation or cost to read (sizes, names, shapes,
 * metadata), for `inspect` when a name is unknown without its plugin. Null if the file is
 * not one this CLI writes.
 */
export function readModelOutline(path: string): ModelOutline | null {
  try {
    const file = JSON.parse(readJsonText(path, "the model file"));
    const sizes = file?.sizes;
    if (!Array.isArray(sizes) || !sizes.every((n) => Number.isInteger(n) && n > 0)) return null;
    return {
      sizes,
      activations: Array.isArray(file.activations) ? file.activations.map(String) : [],
      cost: String(file.cost ?? "?"),
      metadata: typeof file.metadata === "object" && file.metadata ? file.metadata : {},
    };
  } catch {
    return null;
  }
}

export interface ModelOutline {
  sizes: number[];
  activations: string[];
  cost: string;
  metadata: Record<string, unknown>;
}
