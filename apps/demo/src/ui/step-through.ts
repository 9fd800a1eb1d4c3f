/**
 * Backprop one step at a time for one test sample: the memo table (what is stored per
 * layer so far, and what the current step reads from it) and the current step's
 * equations beside its numbers. The trace itself comes from the worker (Network.trace).
 */
import { getActivation } from "@backprop/activations";
import { Matrix } from "@backprop/linalg";
import {
  type BackpropStep,
  backpropSteps,
  MEMO_ROWS,
  type MemoRow,
  memoAfter,
  memoRead,
  stepEquations,
} from "../backprop-steps";
import type { MatrixData, TraceData } from "../protocol";
import { byId, el, sup } from "./dom";
import { gradientView, vectorView } from "./vector-view";

const ROW_NAMES: Record<MemoRow, (l: string) => string> = {
  z: (l) => `z${l}`,
  a: (l) => `a${l}`,
  delta: (l) => `δ${l}`,
  nablaB: (l) => `∂C/∂b${l}`,
  nablaW: (l) => `∂C/∂w${l}`,
};

export interface StepThrough {
  show(trace: TraceData): void;
}

function argmax(data: Float64Array): number {
  let best = 0;
  for (let i = 1; i < data.length; i++) if (data[i] > data[best]) best = i;
  return best;
}

function sigmaPrime(name: string, z: MatrixData): MatrixData {
  const out = Matrix.zeros(z.rows, z.cols);
  getActivation(name).derivative(new Matrix(z.rows, z.cols, z.data), out);
  return { rows: z.rows, cols: z.cols, data: out.data as Float64Array };
}

export function createStepThrough(requestTrace: (index: number) => void): StepThrough {
  const index = byId<HTMLInputElement>("trace-index");
  const back = byId<HTMLButtonElement>("step-back");
  const next = byId<HTMLButtonElement>("step-next");
  const memo = byId("memo-table");
  const view = byId("step-view");
  let trace: TraceData | undefined;
  let steps: BackpropStep[] = [];
  let current = 0;

  byId("trace-load").addEventListener("click", () => requestTrace(Number(index.value) || 0));
  back.addEventListener("click", () => go(current - 1));
  next.addEventListener("click", () => go(current + 1));

  function renderMemo(t: TraceData): void {
    const L = t.sizes.length - 1;
    const known = memoAfter(steps, current);
    const read = memoRead(steps[current], L);
    const written = memoAfter(steps, current);
    for (const key of memoAfter(steps, current - 1)) written.delete(key);
    const header = el(
      "tr",
      {},
      el("th", { scope: "col" }, "memo"),
      ...Array.from({ length: L }, (_, i) =>
        el("th", { scope: "col" }, `layer ${i + 1} (${t.sizes[i + 1]})`),
      ),
    );
    const rows = MEMO_ROWS.map((row) =>
      el(
        "tr",
        {},
        el("th", { scope: "row" }, ROW_NAMES[row]("ˡ")),
        ...Array.from({ length: L }, (_, i) => {
          const key = `${row}:${i + 1}`;
          const m = (
            row === "z"
              ? t.zs
              : row === "a"
                ? t.as.slice(1)
                : row === "delta"
                  ? t.deltas
                  : row === "nablaB"
                    ? t.nablaB
                    : t.nablaW
          )[i];
          const state = [
            known.has(key) && "filled",
            written.has(key) && "written",
            read.has(key) && "read",
          ]
            .filter(Boolean)
            .join(" ");
          return el(
            "td",
            { class: state, "data-memo": row, "data-layer": i + 1 },
            known.has(key) ? `${m.rows}×${m.cols}` : "·",
          );
        }),
      ),
    );
    memo.replaceChildren(
      el(
        "table",
        {},
        el(
          "caption",
          {},
          "The memo: stored once, read by the layer below (highlighted: read by this step; bold: written by it)",
        ),
        el("thead", {}, header),
        el("tbody", {}, ...rows),
      ),
    );
  }

  function renderStep(t: TraceData): void {
    const step = steps[current];
    const L = t.sizes.length - 1;
    const l = step.layer;
    const outputActivation = t.activations[L - 1];
    const equations = stepEquations(step, t.cost, outputActivation);
    const parts: HTMLElement[] = [];
    const i = l - 1; // array index of layer l
    const image = t.sampleShape.length === 2 ? t.sampleShape : undefined;
    const y = new Float64Array(t.sizes[L]);
    y[t.label] = 1;
    const predicted = argmax(t.as[L].data);
    switch (step.kind) {
      case "input":
        parts.push(vectorView("a⁰ = x", t.as[0], { image, grey: true }));
        parts.push(el("p", {}, `Label y = ${t.label}.`));
        break;
      case "forward":
        parts.push(vectorView(`z${sup(l)}`, t.zs[i]));
        parts.push(
          vectorView(
            `a${sup(l)} = ${t.activations[i]}(z${sup(l)})`,
            t.as[l],
            l === L ? { marks: { [predicted]: "best" } } : {},
          ),
        );
        if (l === L) parts.push(el("p", {}, `Prediction: ${predicted} (label ${t.label}).`));
        break;
      case "bp1":
        parts.push(
          vectorView("y", { rows: y.length, cols: 1, data: y }, { marks: { [t.label]: "label" } }),
        );
        parts.push(vectorView(`δ${sup(l)}`, t.deltas[i]));
        parts.push(gradientView(`∂C/∂w${sup(l)}`, t.nablaW[i]));
        break;
      case "bp2":
        parts.push(vectorView(`δ${sup(l + 1)} (from the memo)`, t.deltas[i + 1]));
        parts.push(
          vectorView(
            `σ′(z${sup(l)}), σ = ${t.activations[i]}`,
            sigmaPrime(t.activations[i], t.zs[i]),
          ),
        );
        parts.push(vectorView(`δ${sup(l)}`, t.deltas[i]));
        parts.push(gradientView(`∂C/∂w${sup(l)}`, t.nablaW[i]));
        break;
    }
    const titles = {
      input: "the input",
      forward: `forward, layer ${l}`,
      bp1: `backward, output layer ${l} (BP1)`,
      bp2: `backward, layer ${l} (BP2)`,
    };
    view.replaceChildren(
      el("h3", {}, `Step ${current + 1} of ${steps.length}: ${titles[step.kind]}`),
      el(
        "div",
        { class: "step-body" },
        el("pre", { class: "equations" }, equations.join("\n")),
        el("div", { class: "step-numbers" }, ...parts),
      ),
    );
  }

  function go(to: number): void {
    if (!trace) return;
    current = Math.max(0, Math.min(steps.length - 1, to));
    back.disabled = current === 0;
    next.disabled = current === steps.length - 1;
    renderMemo(trace);
    renderStep(trace);
  }

  return {
    show(t) {
      trace = t;
      index.value = String(t.index);
      steps = backpropSteps(t.sizes.length - 1);
      go(0);
    },
  };
}
