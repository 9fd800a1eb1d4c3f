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
 * How long a plugin's `register()` may take (BACKPROP_PLUGIN_TIMEOUT_MS overrides): it
 * only defines functions, so seconds are plenty, and one that never settles must not
 * leave the command to end silently with nothing done.
 */
export const PLUGIN_TIMEOUT_MS = 10_000;

function pluginTimeout(): number {
  const fromEnv = Number(process.env.BACKPROP_PLUGIN_TIMEOUT_MS);
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : PLUGIN_TIMEOUT_MS;
}

/**
 * Loads `--plugin` modules. A plugin is code: it runs with the user's rights, as any
 * module they import would, so give only plugins you trust. A plugin is an ES module that exports `register(api)` (or a
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
    await withTimeout(
      Promise.resolve().then(() => register(pluginApi)),
      pluginTimeout(),
      path,
    ).catch((error) => {
      if (error instanceof UsageError) throw error;
      throw new UsageError(
        `--plugin ${path}: register() failed: ${(error as Error)?.message ?? error}`,
        {
          cause: error,
        },
      );
    });
  }
}

/** `work`, or a UsageError if it has not settled after `ms` (the timer is cleared once it settles). */
function withTimeout<T>(work: Promise<T>, ms: number, path: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new UsageError(
            `--plugin ${path}: register() did not finish within ${ms / 1000} s; it must register its activations and return (or resolve). Set BACKPROP_PLUGIN_TIMEOUT_MS to allow longer.`,
          ),
        ),
      ms,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
