import { adam } from "./adam";
import { momentum, nesterov } from "./momentum";
import type { Optimizer } from "./optimizer";
import { sgd } from "./sgd";

export const OPTIMIZER_NAMES = ["sgd", "momentum", "nesterov", "adam"] as const;
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];

export interface OptimizerSettings {
  /** μ for momentum and nesterov; default 0.9. */
  momentum?: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

/** An optimizer by name (for the CLI and settings files). */
export function createOptimizer(name: string, settings: OptimizerSettings = {}): Optimizer {
  switch (name) {
    case "sgd":
      return sgd();
    case "momentum":
      return momentum({ momentum: settings.momentum });
    case "nesterov":
      return nesterov({ momentum: settings.momentum });
    case "adam":
      return adam(settings);
    default:
      throw new RangeError(
        `unknown optimizer "${name}"; choose one of ${OPTIMIZER_NAMES.join(", ")}`,
      );
  }
}
