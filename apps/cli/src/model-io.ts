import { readFileSync } from "node:fs";
import { UnknownNameError } from "@backprop/activations";
import { loadModel, type Network } from "@backprop/network";
import { UsageError } from "./errors";

export class ModelReadError extends Error {
  override readonly name = "ModelReadError";
}

/** Reads a model file written by `backprop train --save` (names resolve through loaded plugins). */
export function readModel(path: string): { network: Network; metadata: Record<string, unknown> } {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ModelReadError(
      `cannot read the model file ${path}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`,
    );
  }
  try {
    return loadModel(text);
  } catch (error) {
    const unknown = (error as Error).cause;
    if (!(unknown instanceof UnknownNameError)) throw error;
    // The library's advice (defineActivation, registerActivation) is for code; here the
    // user needs the plugin that was given when the model was trained.
    throw new UsageError(
      `${path} uses the ${unknown.kind} "${unknown.requested}", which is not built in (built in: ${unknown.known.join(", ")}): ` +
        `give the plugin module that registers it, as when the model was trained: backprop --plugin <module.mjs> <command> ${path}`,
    );
  }
}

/**
 * The parts of a model file that need no activation or cost to read (sizes, names, shapes,
 * metadata), for `inspect` when a name is unknown without its plugin. Null if the file is
 * not one this CLI writes.
 */
export function readModelOutline(path: string): ModelOutline | null {
  try {
    const file = JSON.parse(readFileSync(path, "utf8"));
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
