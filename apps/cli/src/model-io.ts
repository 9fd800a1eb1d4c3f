import { readFileSync } from "node:fs";
import { loadModel, type Network } from "@backprop/network";

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
  return loadModel(text);
}
