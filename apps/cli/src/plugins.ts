import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import * as activations from "@backprop/activations";
import { UsageError } from "./errors";

/**
 * What a plugin's `register` function receives: the extension API of @backprop/activations,
 * passed in so that a plugin file needs no installed packages of its own.
 */
export const pluginApi = {
  defineActivation: activations.defineActivation,
  scalarActivation: activations.scalarActivation,
  registerActivation: activations.registerActivation,
  getActivation: activations.getActivation,
  checkActivationDerivative: activations.checkActivationDerivative,
  defineCost: activations.defineCost,
  registerCost: activations.registerCost,
};
export type PluginApi = typeof pluginApi;

/**
 * Loads `--plugin` modules. A plugin is an ES module that exports `register(api)` (or a
 * default function) which registers its activations and costs:
 *
 *   export function register({ scalarActivation, registerActivation }) {
 *     registerActivation(scalarActivation({ name: "swish", fn: …, derivative: … }));
 *   }
 */
export async function loadPlugins(paths: readonly string[] = []): Promise<void> {
  for (const path of paths) {
    const file = resolve(path);
    if (!existsSync(file)) {
      throw new UsageError(`--plugin: no file at ${JSON.stringify(path)} (looked for ${file})`);
    }
    let module: Record<string, unknown>;
    try {
      module = await import(pathToFileURL(file).href);
    } catch (error) {
      throw new UsageError(
        `--plugin ${path}: could not load it as an ES module: ${(error as Error).message}`,
      );
    }
    const register = (module.register ?? module.default) as
      | ((api: PluginApi) => unknown)
      | undefined;
    if (typeof register !== "function") {
      throw new UsageError(
        `--plugin ${path}: expected the module to export a function \`register(api)\` (or a default function) that calls api.registerActivation(…)`,
      );
    }
    await register(pluginApi);
  }
}
