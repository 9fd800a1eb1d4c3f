import { UnknownNameError } from "@backprop/activations";
import {
  LAYER_MODEL_VERSION,
  type LayerNetwork,
  loadLayerModel,
  loadModel,
  type Network,
} from "@backprop/network";
import { UsageError } from "./errors";
import { readJsonText } from "./io/read-file";
import { isOnnxPath, readOnnxFile } from "./model-formats";

/**
 * A saved model of either version, told apart by `kind`: "network", the seed's sizes-list
 * Network (model file version 1); "layers", a LayerNetwork (version 2, written by
 * `train --preset conv1` or `--layers conv:…`).
 */
export type LoadedModel =
  | { kind: "network"; network: Network; metadata: Record<string, unknown> }
  | { kind: "layers"; network: LayerNetwork; metadata: Record<string, unknown> };

/**
 * Reads a model file written by `backprop train --save`, of either version (names resolve
 * through loaded plugins), or an ONNX file (`.onnx`, see model-formats.ts). The version
 * decides the loader; anything else (not JSON, no version, an unknown one) goes to
 * loadModel, whose errors say what is wrong.
 */
export function readModel(path: string): LoadedModel {
  if (isOnnxPath(path)) return readOnnxFile(path);
  const text = readJsonText(path, "the model file");
  const file = parsed(text);
  try {
    if (file?.version === LAYER_MODEL_VERSION) return { kind: "layers", ...loadLayerModel(file) };
    return { kind: "network", ...loadModel(file ?? text) };
  } catch (error) {
    throw pluginAdvice(error, path) ?? error;
  }
}

/** The file as a JSON object (parsed once, for the version and the loader), else null. */
function parsed(text: string): Record<string, unknown> | null {
  try {
    const file = JSON.parse(text);
    return typeof file === "object" && file !== null && !Array.isArray(file) ? file : null;
  } catch {
    return null; // loadModel reads the text again and says where it is broken
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
export function quoteName(name: string): string {
  return JSON.stringify(name.length > 60 ? `${name.slice(0, 60)}…` : name);
}
