/**
 * The settings form: fills its menus from the libraries' registries (so the page's custom
 * activations appear like built-ins), reads and checks it into a `Settings`, warns about
 * output/cost pairs that cannot learn, and turns the training buttons on and off with the
 * worker's status (moving focus off a button that disables itself, so it never drops to
 * <body>). A data set's preset fills only the fields the user has not changed.
 */
import { activationNames, costNames, getActivation } from "@backprop/activations";
import { INITIALIZERS } from "@backprop/network";
import { OPTIMIZER_NAMES } from "@backprop/optimizers";
import { CONV } from "../conv-net";
import { onLanguageChange, t } from "../i18n/i18n";
import { pairProblem } from "../pair-warnings";
import type { TrainerStatus } from "../protocol";
import {
  DATASETS,
  type DatasetName,
  type NetworkKind,
  PRESETS,
  parseHiddenSizes,
  type Settings,
  SettingsError,
} from "../settings";
import { byId, el } from "./dom";

function fill(select: HTMLSelectElement, names: readonly string[], custom: ReadonlySet<string>) {
  const value = select.value;
  select.replaceChildren(
    ...names.map((name) =>
      el("option", { value: name }, custom.has(name) ? `${name} (${t().custom})` : name),
    ),
  );
  if (value && names.includes(value)) select.value = value;
}

/** Preset fields by control id: what a data set's preset may fill in. */
const PRESET_FIELDS = {
  hidden: "hidden",
  activation: "activation",
  "output-activation": "outputActivation",
  cost: "cost",
  init: "init",
  optimizer: "optimizer",
  eta: "eta",
  lambda: "lambda",
  "batch-size": "batchSize",
  epochs: "epochs",
} as const satisfies Record<string, keyof Settings>;

export interface Controls {
  /** The form's settings, or a SettingsError naming the bad field (also shown on the page). */
  read(): Settings | SettingsError;
  /** Puts a data set's preset into the form, except where the user typed or chose a value. */
  applyPreset(dataset: DatasetName): void;
  setStatus(status: TrainerStatus): void;
  onDatasetChange(listener: (dataset: DatasetName) => void): void;
  /** The network kind changed (fc ↔ conv); η and the mini-batch took that kind's values unless typed. */
  onKindChange(listener: (kind: NetworkKind) => void): void;
}

export function createControls(customActivations: readonly string[]): Controls {
  const form = byId<HTMLFormElement>("settings");
  const field = <T extends HTMLElement>(id: string) => byId<T>(id);
  const custom = new Set(customActivations);
  // Registry names; a family placeholder such as "leakyRelu(slope)" is no name to pick.
  const names = activationNames().filter((n) => !n.endsWith("(slope)"));
  const elementwise = names.filter((n) => getActivation(n).elementwise);
  const fillActivations = () => {
    fill(field("activation"), elementwise, custom);
    fill(field("output-activation"), names, custom);
  };
  fillActivations();
  fill(field("cost"), costNames(), new Set());
  fill(field("init"), INITIALIZERS, new Set());
  fill(field("optimizer"), OPTIMIZER_NAMES, new Set());
  const error = field<HTMLParagraphElement>("settings-error");
  const warning = field<HTMLParagraphElement>("pair-warning");
  const statusLine = field("status");
  statusLine.tabIndex = -1; // focusable by script only: where focus waits while loading
  /** Controls the user changed: a data set's preset leaves them as they are. */
  const touched = new Set<string>();
  for (const id of Object.keys(PRESET_FIELDS)) {
    field(id).addEventListener("input", () => touched.add(id));
    field(id).addEventListener("change", () => touched.add(id));
  }

  function warnPair(): void {
    const output = field<HTMLSelectElement>("output-activation").value;
    const cost = field<HTMLSelectElement>("cost").value;
    const problem = pairProblem(getActivation(output), cost);
    warning.hidden = problem === undefined;
    warning.textContent =
      problem === "notProbabilities"
        ? t().pairNotProbabilities(output, cost)
        : problem === "notNormalised"
          ? t().pairNotNormalised(output)
          : "";
  }
  field("output-activation").addEventListener("change", warnPair);
  field("cost").addEventListener("change", warnPair);
  onLanguageChange(() => {
    fillActivations();
    warnPair();
    if (!error.hidden) controls.read();
  });

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
        const p = e.problem;
        error.textContent =
          p.kind === "hiddenSize"
            ? t().errorHiddenSize(p.got)
            : p.kind === "hiddenCount"
              ? t().errorHiddenCount(p.got)
              : e.message;
        error.hidden = false;
        return e;
      }
    },
    applyPreset(dataset) {
      const preset = PRESETS[dataset];
      for (const [id, key] of Object.entries(PRESET_FIELDS)) {
        const value = preset[key];
        if (value === undefined || touched.has(id)) continue;
        field<HTMLInputElement>(id).value = Array.isArray(value) ? value.join(", ") : String(value);
      }
      warnPair();
    },
    setStatus(status) {
      const enabled: Record<string, boolean> = {
        start: status === "idle" || status === "done" || status === "error",
        pause: status === "training",
        resume: status === "paused",
        stop: status === "training" || status === "paused",
        reset: status !== "loading",
        // The network between runs (a fresh one after configure, a trained one after).
        "download-onnx": status === "idle" || status === "paused" || status === "done",
      };
      const focused = document.activeElement;
      for (const [id, on] of Object.entries(enabled)) field<HTMLButtonElement>(id).disabled = !on;
      // A button that just disabled itself would drop focus to <body>: hand it to the
      // control that takes over (Start → Pause, Pause → Resume, …). While every button is
      // off (loading), focus waits on the status line, which says why, and moves on to the
      // first button that comes back.
      const lost =
        focused instanceof HTMLButtonElement && focused.disabled && form.contains(focused);
      if (lost || focused === statusLine) {
        const next = ["pause", "resume", "start", "stop", "reset"]
          .map((id) => field<HTMLButtonElement>(id))
          .find((button) => !button.disabled);
        (next ?? statusLine).focus();
      }
    },
    onKindChange(listener) {
      field<HTMLSelectElement>("network-kind").addEventListener("change", (event) => {
        const kind = (event.target as HTMLSelectElement).value as NetworkKind;
        const values = kind === "conv" ? CONV : PRESETS.mnist;
        if (!touched.has("eta")) field<HTMLInputElement>("eta").value = String(values.eta);
        if (!touched.has("batch-size"))
          field<HTMLInputElement>("batch-size").value = String(values.batchSize);
        listener(kind);
      });
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
      throw new SettingsError(input.name, t().errorNumber(name, rule, input.value));
    }
    return v;
  }

  function readSettings(): Settings {
    const dataset = field<HTMLSelectElement>("dataset").value as DatasetName;
    if (!DATASETS.includes(dataset))
      throw new SettingsError("dataset", `unknown data set ${dataset}`);
    const integer = (min: number, max: number) => (v: number) =>
      Number.isInteger(v) && v >= min && v <= max;
    const m = t();
    const kind = field<HTMLSelectElement>("network-kind").value === "conv" ? "conv" : "fc";
    return {
      dataset,
      kind,
      trainingSize: Number(field<HTMLSelectElement>("training-size").value),
      testSize: Number(field<HTMLSelectElement>("test-size").value),
      hidden: parseHiddenSizes(field<HTMLInputElement>("hidden").value),
      activation: field<HTMLSelectElement>("activation").value,
      outputActivation: field<HTMLSelectElement>("output-activation").value,
      cost: field<HTMLSelectElement>("cost").value,
      init: field<HTMLSelectElement>("init").value as Settings["init"],
      optimizer: field<HTMLSelectElement>("optimizer").value,
      eta: number("eta", "η", (v) => v > 0 && Number.isFinite(v), m.ruleAboveZero),
      lambda: number("lambda", "λ", (v) => v >= 0 && Number.isFinite(v), m.ruleNonNegative),
      batchSize: number("batch-size", m.nameBatch, integer(1, 10_000), m.ruleBatch),
      epochs: number("epochs", m.nameEpochs, integer(1, 1000), m.ruleEpochs),
      seed: number("seed", m.nameSeed, integer(0, 2 ** 31), m.ruleSeed),
    };
  }

  warnPair();
  return controls;
}
