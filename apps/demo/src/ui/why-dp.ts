/**
 * "Why dynamic programming", in two parts. First the network being trained: forward,
 * backprop and chain-rule-expansion multiplications for it and for one, two, three more
 * hidden layers (by formula, network-counts.ts). Then the measurements that check that
 * formula: both methods run in the chain-rule worker on small networks of widths 2, 4, 8.
 * Both on a log-scale chart whose legend reads without colour (log-chart.ts), and in tables.
 */
import { type ChainRuleCount, COUNT_DEPTHS, COUNT_WIDTHS } from "../chain-rule-count";
import { formatCount, onLanguageChange, t } from "../i18n/i18n";
import { countNetwork, deeperNetworks, type NetworkCount } from "../network-counts";
import { byId, el } from "./dom";
import { type LogSeries, type Marker, renderLogChart } from "./log-chart";

const METHOD = {
  forward: { color: "#5b6475", dash: "2 4", marker: "square" },
  backprop: { color: "#2457c5", dash: "8 4", marker: "circle" },
  expansion: { color: "#b3261e", dash: "", marker: "triangle" },
} as const satisfies Record<string, { color: string; dash: string; marker: Marker }>;
const WIDTH_MARKERS: readonly Marker[] = ["circle", "square", "triangle"];
const WIDTH_COLORS = ["#1f5fa8", "#a65300", "#2d7a33"];

const ratio = (a: number, b: number) => {
  const r = a / b;
  return `${r < 10 ? r.toFixed(2) : r < 100 ? r.toFixed(1) : formatCount(Math.round(r))}×`;
};

function table(id: string, headers: string[], rows: string[][]): void {
  const node = byId<HTMLTableElement>(id);
  const caption = node.querySelector("caption");
  node.replaceChildren(
    ...(caption ? [caption] : []),
    el("thead", {}, el("tr", {}, ...headers.map((h) => el("th", { scope: "col" }, h)))),
    el(
      "tbody",
      {},
      ...rows.map((row) =>
        el("tr", {}, ...row.map((cell, i) => el("td", { class: i ? "number" : undefined }, cell))),
      ),
    ),
  );
}

export interface WhyDp {
  /** Shows the counts for the network being trained (its layer sizes). */
  showNetwork(sizes: readonly number[]): void;
}

export function startWhyDp(): WhyDp {
  let own: NetworkCount[] = [];
  let ownKey = "";
  const measured: ChainRuleCount[] = [];

  function drawOwn(): void {
    if (!own.length) return;
    const m = t();
    const label = {
      forward: m.seriesForward,
      backprop: m.seriesBackprop,
      expansion: m.seriesExpansion,
    };
    renderLogChart(byId("chart-own"), {
      x: own.map((c) => c.hiddenLayers),
      xLabel: m.axisHiddenLayers,
      yLabel: m.axisMultiplications,
      label: m.ownChart,
      series: (["forward", "backprop", "expansion"] as const).map(
        (k): LogSeries => ({ label: label[k], ...METHOD[k], values: own.map((c) => c[k]) }),
      ),
    });
    table(
      "own-table",
      [
        m.colSizes,
        m.colForward,
        m.colBackprop,
        m.colExpansion,
        m.colBackpropRatio,
        m.colExpansionRatio,
      ],
      own.map((c) => [
        c.sizes.join("-"),
        formatCount(c.forward),
        formatCount(c.backprop),
        formatCount(c.expansion),
        ratio(c.backprop, c.forward),
        ratio(c.expansion, c.backprop),
      ]),
    );
  }

  function drawMeasured(): void {
    if (!measured.length) return;
    const m = t();
    const at = (w: number, d: number, key: "expansion" | "backprop") =>
      measured.find((k) => k.width === w && k.hiddenLayers === d)?.[key] ?? null;
    renderLogChart(byId("chart-dp"), {
      x: [...COUNT_DEPTHS],
      xLabel: m.axisHiddenLayers,
      yLabel: m.axisMultiplications,
      label: m.toyChart,
      series: COUNT_WIDTHS.flatMap((w, i) =>
        (["expansion", "backprop"] as const).map(
          (k): LogSeries => ({
            label: m.seriesWidth(k === "expansion" ? m.seriesExpansion : m.seriesBackprop, w),
            color: WIDTH_COLORS[i],
            dash: METHOD[k].dash,
            marker: WIDTH_MARKERS[i],
            values: COUNT_DEPTHS.map((d) => at(w, d, k)),
          }),
        ),
      ),
    });
    table(
      "dp-table",
      [
        m.colSizes,
        m.colExpansion,
        m.colBackprop,
        m.colRatio,
        m.colExpansionMs,
        m.colBackpropMs,
        m.colDifference,
      ],
      measured.map((c) => [
        c.sizes.join("-"),
        formatCount(c.expansion),
        formatCount(c.backprop),
        ratio(c.expansion, c.backprop),
        c.expansionMs.toPrecision(2),
        c.backpropMs.toPrecision(2),
        c.maxDifference === 0 ? "0" : c.maxDifference.toExponential(0),
      ]),
    );
  }

  const worker = new Worker(new URL("../worker/chain-rule-worker.ts", import.meta.url), {
    type: "module",
    name: "chain-rule",
  });
  worker.addEventListener("message", (event: MessageEvent<ChainRuleCount | "done">) => {
    if (event.data === "done") {
      worker.terminate();
      byId("chart-dp").dataset.done = "true";
      return;
    }
    measured.push(event.data);
    drawMeasured();
  });
  const redraw = () => {
    drawOwn();
    drawMeasured();
  };
  onLanguageChange(redraw);
  // The charts are drawn at their container's width: redraw when it changes (once a frame).
  let width = 0;
  let frame = 0;
  new ResizeObserver(() => {
    const now = byId("chart-own").clientWidth;
    if (now === width || frame) return;
    width = now;
    frame = requestAnimationFrame(() => {
      frame = 0;
      redraw();
    });
  }).observe(byId("chart-own"));

  return {
    showNetwork(sizes) {
      const key = sizes.join("-");
      if (key === ownKey) return;
      ownKey = key;
      own = deeperNetworks(sizes).map(countNetwork);
      drawOwn();
    },
  };
}
