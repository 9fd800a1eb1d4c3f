import { adam } from "./adam";
import { momentum, nesterov } from "./momentum";
import type { Optimizer } from "./optimizer";
import { sgd } from "./sgd";

/** The names createOptimizer accepts, in the order help texts list them. */
export const OPTIMIZER_NAMES = ["sgd", "momentum", "nesterov", "adam"] as const;
/** "sgd" (the seed's), "momentum", "nesterov" or "adam". */
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];

/** The constants of every named optimizer in one object; each uses only its own. */
export interface OptimizerSettings {
  /** μ for momentum and nesterov; default 0.9. */
  momentum?: number;
  /** Adam's β₁ (see AdamOptions); default 0.9. */
  beta1?: number;
  /** Adam's β₂ (see AdamOptions); default 0.999. */
  beta2?: number;
  /** Adam's ε (see AdamOptions); default 1e-8. */
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
