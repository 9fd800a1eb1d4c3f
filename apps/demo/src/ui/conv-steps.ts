/**
 * The step-through for the conv net: one test sample forward through conv → pool → dense,
 * then backward with BP1–BP4 one layer at a time (conv-trace.ts computes every number with
 * the layers' own forward and backward). Seven steps; each has a title, its equation, one
 * sentence, and its numbers as pictures (maps on one colour scale per picture, a line
 * saying the scale) or as a row of values (each cell's data-value holds the full number).
 */
import { CONV } from "../conv-net";
import { formatCount, onLanguageChange, t } from "../i18n/i18n";
import type { ConvTraceData } from "../protocol";
import { byId, el, formatNumber } from "./dom";
import { drawMaps, type MapColours } from "./feature-maps";
import { drawGrey, maxAbs } from "./heatmap";

interface Step {
  /** data-step of the view, for tests: which layer the step is at. */
  id: string;
  title: string;
  equation: string;
  text: string;
  parts: HTMLElement[];
}

/** A figure of F maps of side × side values on one scale. */
function maps(
  caption: string,
  values: ArrayLike<number>,
  side: number,
  colours: MapColours = "signed",
): HTMLElement {
  const grid = el("div", { class: "map-grid" });
  const scale = maxAbs(values);
  drawMaps(grid, values, CONV.filters, side, scale, t().convMap, colours);
  const line = colours === "grey" ? "" : ` ${t().convSignedScale(formatNumber(scale))}`;
  return el("figure", { class: "conv-figure" }, grid, el("figcaption", {}, `${caption}.${line}`));
}

/** A row of numbers, one cell per class or filter (index above, value below). */
function values(caption: string, v: ArrayLike<number>): HTMLElement {
  const cells = Array.from(v, (x, i) =>
    el(
      "li",
      { "data-value": String(x) },
      el("span", { class: "index" }, String(i)),
      formatNumber(x),
    ),
  );
  return el(
    "figure",
    { class: "conv-figure" },
    el("ol", { class: "conv-values", start: "0" }, ...cells),
    el("figcaption", {}, caption),
  );
}

function argmax(v: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
  return best;
}

function script(d: ConvTraceData): Step[] {
  const m = t();
  const { mapSide, pooledSide } = CONV;
  const input = el("canvas", {
    width: 28,
    height: 28,
    class: "map-image",
    role: "img",
    "aria-label": m.convCapInput,
  });
  drawGrey(input, d.input, 28, 28);
  let received = 0;
  for (const r of d.received) received += r;
  return [
    {
      id: "conv-forward",
      title: m.convStepConv,
      equation: "z = w ⋆ x + b,   a = ReLU(z)",
      text: m.convExplainConv,
      parts: [
        el("figure", { class: "conv-figure" }, input, el("figcaption", {}, m.convCapInput)),
        maps(m.convCapZ, d.convZ, mapSide),
        maps(m.convCapA, d.convA, mapSide),
      ],
    },
    {
      id: "pool-forward",
      title: m.convStepPool,
      equation: "p = max₂ₓ₂(a),   zᴸ = wᴸp + bᴸ,   aᴸ = softmax(zᴸ)",
      text: m.convExplainPool(d.label, argmax(d.outA)),
      parts: [maps(m.convCapPooled, d.pooled, pooledSide), values(m.convCapOutput, d.outA)],
    },
    {
      id: "bp1",
      title: m.convStepBp1,
      equation: "BP1   δᴸ = aᴸ − y",
      text: m.convExplainBp1,
      parts: [values(m.convCapDeltaL, d.deltaL)],
    },
    {
      id: "dense-backward",
      title: m.convStepDense,
      equation: "BP2   ∂C/∂p = (wᴸ)ᵀδᴸ        BP3   ∂C/∂bᴸ = δᴸ        BP4   ∂C/∂wᴸ = δᴸpᵀ",
      text: m.convExplainDense,
      parts: [maps(m.convCapPoolDelta, d.poolDelta, pooledSide)],
    },
    {
      id: "pool-backward",
      title: m.convStepRoute,
      equation: "∂C/∂a[argmax₂ₓ₂] = ∂C/∂p",
      text: m.convExplainRoute(formatCount(received), formatCount(d.received.length)),
      parts: [
        maps(m.convCapReceived, d.received, mapSide, "grey"),
        maps(m.convCapRouted, d.routed, mapSide),
      ],
    },
    {
      id: "conv-delta",
      title: m.convStepDelta,
      equation: "δ = ∂C/∂a ⊙ ReLU′(z)",
      text: m.convExplainDelta,
      parts: [maps(m.convCapDelta, d.convDelta, mapSide)],
    },
    {
      id: "conv-gradients",
      title: m.convStepGrads,
      equation: "BP3   ∂C/∂b_f = Σ_(y,x) δ_f(y, x)        BP4   ∂C/∂w_f = x ⋆ δ_f",
      text: m.convExplainGrads,
      parts: [
        values(m.convCapNablaB, d.convNablaB),
        maps(m.convCapNablaW, d.convNablaW, CONV.kernel),
      ],
    },
  ];
}

export interface ConvSteps {
  show(trace: ConvTraceData): void;
}

export function createConvSteps(request: (index: number) => void): ConvSteps {
  const view = byId("conv-step-view");
  const back = byId<HTMLButtonElement>("conv-step-back");
  const next = byId<HTMLButtonElement>("conv-step-next");
  const index = byId<HTMLInputElement>("conv-trace-index");
  let trace: ConvTraceData | undefined;
  let at = 0;

  function render(): void {
    if (!trace) return;
    const steps = script(trace);
    at = Math.max(0, Math.min(steps.length - 1, at));
    const step = steps[at];
    view.dataset.step = step.id;
    view.replaceChildren(
      el("p", { class: "hint" }, t().convStepOf(at + 1, steps.length)),
      el("h3", {}, step.title),
      el("pre", { class: "equation" }, step.equation),
      el("p", {}, step.text),
      el("div", { class: "conv-parts" }, ...step.parts),
    );
    const focused = document.activeElement;
    back.disabled = at === 0;
    next.disabled = at === steps.length - 1;
    // A button that disabled itself hands focus to the other one (never to <body>).
    if (focused === next && next.disabled) back.focus();
    if (focused === back && back.disabled) next.focus();
  }

  byId("conv-trace-load").addEventListener("click", () => request(Number(index.value) || 0));
  back.addEventListener("click", () => {
    at--;
    render();
  });
  next.addEventListener("click", () => {
    at++;
    render();
  });
  onLanguageChange(render);
  return {
    show(next) {
      trace = next;
      at = 0;
      render();
    },
  };
}
