import type { Activation } from "./activation";
import { identity } from "./activations/identity";
import { leakyRelu, relu } from "./activations/relu";
import { sigmoid } from "./activations/sigmoid";
import { softmax } from "./activations/softmax";
import { softplus } from "./activations/softplus";
import { tanh } from "./activations/tanh";
import type { Cost } from "./cost";
import { crossEntropy } from "./costs/cross-entropy";
import { logLikelihood } from "./costs/log-likelihood";
import { quadratic } from "./costs/quadratic";
import { DuplicateNameError, InvalidDefinitionError, UnknownNameError } from "./errors";

/**
 * Name → definition, for model files (which store names, never functions) and the CLI.
 * Registering a taken name throws; asking for an unknown one lists the known names.
 * A family such as leakyRelu answers parametrised names like "leakyRelu(0.2)".
 */
class Registry<T extends { readonly name: string }> {
  private readonly entries = new Map<string, T>();
  private readonly families = new Map<string, (parameter: number) => T>();

  constructor(readonly kind: "activation" | "cost") {}

  register(item: T): T {
    if (typeof item?.name !== "string") {
      throw new InvalidDefinitionError(
        `register: expected a ${this.kind} made by define${this.kind === "activation" ? "Activation" : "Cost"}, got ${typeof item}`,
      );
    }
    if (this.entries.has(item.name)) {
      throw new DuplicateNameError(
        `a ${this.kind} named "${item.name}" is already registered; choose another name (names are stored in model files, so each must be unique)`,
      );
    }
    this.entries.set(item.name, item);
    return item;
  }

  registerFamily(name: string, make: (parameter: number) => T): void {
    this.families.set(name, make);
  }

  /** The entry for `name`, looking first in `extra` (e.g. a caller's own activations). */
  get(name: string, extra: readonly T[] = []): T {
    const own = extra.find((item) => item.name === name);
    if (own) return own;
    const entry = this.entries.get(name);
    if (entry) return entry;
    const match = /^(\w+)\((-?[\d.eE+-]+)\)$/.exec(name);
    const family = match && this.families.get(match[1]);
    if (family && Number.isFinite(Number(match[2]))) return family(Number(match[2]));
    throw new UnknownNameError(this.kind, name, [
      ...extra.map((item) => item.name),
      ...this.names(),
    ]);
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  names(): string[] {
    return [...this.entries.keys(), ...[...this.families.keys()].map((f) => `${f}(slope)`)];
  }
}

const activations = new Registry<Activation>("activation");
for (const a of [sigmoid, tanh, relu, leakyRelu(), identity, softplus, softmax]) {
  activations.register(a);
}
activations.registerFamily("leakyRelu", leakyRelu);

const costs = new Registry<Cost>("cost");
for (const c of [quadratic, crossEntropy, logLikelihood]) costs.register(c);

/** Makes `activation` available by name (to model files, the CLI); throws if the name is taken. */
export function registerActivation(activation: Activation): Activation {
  return activations.register(activation);
}

/** The activation called `name`: from `extra` first, then the registry. */
export function getActivation(name: string, extra: readonly Activation[] = []): Activation {
  return activations.get(name, extra);
}

/** Whether an activation is registered under `name` (built-in or registered by a user). */
export function hasActivation(name: string): boolean {
  return activations.has(name);
}

/** Every registered activation name (built-ins first). */
export function activationNames(): string[] {
  return activations.names();
}

/** Makes `cost` available by name; throws if the name is taken. */
export function registerCost(cost: Cost): Cost {
  return costs.register(cost);
}

/** The cost called `name`: from `extra` first, then the registry. */
export function getCost(name: string, extra: readonly Cost[] = []): Cost {
  return costs.get(name, extra);
}

/** Whether a cost is registered under `name` (built-in or registered by a user). */
export function hasCost(name: string): boolean {
  return costs.has(name);
}

/** Every registered cost name (built-ins first). */
export function costNames(): string[] {
  return costs.names();
}
