/**
 * The settings form: fills its menus from the libraries' registries (so the page's custom
 * activations appear like built-ins), reads and checks it into a `Settings`, and turns the
 * training buttons on and off with the worker's status.
 */
import { activationNames, costNames, getActivation } from "@backprop/activations";
import { INITIALIZERS } from "@backprop/network";
import { OPTIMIZER_NAMES } from "@backprop/optimizers";
import type { TrainerStatus } from "../protocol";
import {
  DATASETS,
  type DatasetName,
  PRESETS,
  parseHiddenSizes,
  type Settings,
  SettingsError,
} from "../settings";
import { byId, el } from "./dom";

const CUSTOM_NOTE = " (custom)";

function fill(select: HTMLSelectElement, names: readonly string[], custom: ReadonlySet<string>) {
  select.replaceChildren(
    ...names.map((name) =>
      el("option", { value: name }, custom.has(name) ? `${name}${CUSTOM_NOTE}` : name),
    ),
  );
}

export interface Controls {
  /** The form's settings, or a SettingsError naming the bad field (also shown on the page). */
  read(): Settings | SettingsError;
  /** Puts a data set's preset into the form. */
  applyPreset(dataset: DatasetName): void;
  setStatus(status: TrainerStatus): void;
  onDatasetChange(listener: (dataset: DatasetName) => void): void;
}

export function createControls(customActivations: readonly string[]): Controls {
  const form = byId<HTMLFormElement>("settings");
  const field = <T extends HTMLElement>(id: string) => byId<T>(id);
  const custom = new Set(customActivations);
  // Registry names; a family placeholder such as "leakyRelu(slope)" is no name to pick.
  const names = activationNames().filter((n) => !n.endsWith("(slope)"));
  const elementwise = names.filter((n) => getActivation(n).elementwise);
  fill(field("activation"), elementwise, custom);
  fill(field("output-activation"), names, custom);
  fill(field("cost"), costNames(), new Set());
  fill(field("init"), INITIALIZERS, new Set());
  fill(field("optimizer"), OPTIMIZER_NAMES, new Set());
  const error = field<HTMLParagraphElement>("settings-error");

  const controls: Controls = {
    read() {
      for (const input of form.querySelectorAll("[aria-invalid]"))
        input.removeAttribute("aria-invalid");
      error.hidden = true;
      try {
        return readSettings();
      } catch (e) {
        if (!(e instanceof SettingsError)) throw e;
        const input = form.elements.namedItem(e.field);
        if (input instanceof HTMLElement) {
          input.setAttribute("aria-invalid", "true");
          input.focus();
        }
        error.textContent = e.message;
        error.hidden = false;
        return e;
      }
    },
    applyPreset(dataset) {
      const preset = PRESETS[dataset];
      const set = (id: string, value: string | number | undefined) => {
        if (value !== undefined) field<HTMLInputElement>(id).value = String(value);
      };
      set("hidden", preset.hidden?.join(", "));
      set("activation", preset.activation);
      set("output-activation", preset.outputActivation);
      set("cost", preset.cost);
      set("init", preset.init);
      set("optimizer", preset.optimizer);
      set("eta", preset.eta);
      set("lambda", preset.lambda);
      set("batch-size", preset.batchSize);
      set("epochs", preset.epochs);
    },
    setStatus(status) {
      const enabled: Record<string, boolean> = {
        start: status === "idle" || status === "done" || status === "error",
        pause: status === "training",
        resume: status === "paused",
        stop: status === "training" || status === "paused",
        reset: status !== "loading",
      };
      for (const [id, on] of Object.entries(enabled)) field<HTMLButtonElement>(id).disabled = !on;
    },
    onDatasetChange(listener) {
      field<HTMLSelectElement>("dataset").addEventListener("change", (event) => {
        listener((event.target as HTMLSelectElement).value as DatasetName);
      });
    },
  };

  function number(id: string, name: string, check: (v: number) => boolean, rule: string): number {
    const input = field<HTMLInputElement>(id);
    const v = Number(input.value);
    if (input.value.trim() === "" || !check(v)) {
      throw new SettingsError(input.name, `${name}: expected ${rule}, got "${input.value}"`);
    }
    return v;
  }

  function readSettings(): Settings {
    const dataset = field<HTMLSelectElement>("dataset").value as DatasetName;
    if (!DATASETS.includes(dataset))
      throw new SettingsError("dataset", `unknown data set ${dataset}`);
    const integer = (min: number, max: number) => (v: number) =>
      Number.isInteger(v) && v >= min && v <= max;
    return {
      dataset,
      trainingSize: Number(field<HTMLSelectElement>("training-size").value),
      testSize: Number(field<HTMLSelectElement>("test-size").value),
      hidden: parseHiddenSizes(field<HTMLInputElement>("hidden").value),
      activation: field<HTMLSelectElement>("activation").value,
      outputActivation: field<HTMLSelectElement>("output-activation").value,
      cost: field<HTMLSelectElement>("cost").value,
      init: field<HTMLSelectElement>("init").value as Settings["init"],
      optimizer: field<HTMLSelectElement>("optimizer").value,
      eta: number("eta", "η", (v) => v > 0 && Number.isFinite(v), "a number above 0"),
      lambda: number("lambda", "λ", (v) => v >= 0 && Number.isFinite(v), "a number ≥ 0"),
      batchSize: number(
        "batch-size",
        "mini-batch size",
        integer(1, 10_000),
        "a whole number from 1 to 10,000",
      ),
      epochs: number("epochs", "epochs", integer(1, 1000), "a whole number from 1 to 1,000"),
      seed: number("seed", "seed", integer(0, 2 ** 31), "a whole number ≥ 0"),
    };
  }

  return controls;
}
