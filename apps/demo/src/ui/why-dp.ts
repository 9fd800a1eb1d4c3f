/**
 * "Why dynamic programming": counts from the chain-rule worker, on a log-scale chart
 * (one solid line per width for the expansion, dashed for backprop) and in a table.
 */
import { type ChainRuleCount, COUNT_DEPTHS, COUNT_WIDTHS } from "../chain-rule-count";
import { byId, el, sup } from "./dom";
import { createLineChart } from "./line-chart";

const WIDTH_COLORS = ["#1f77b4", "#ff7f0e", "#d62728", "#2ca02c"];

export function startWhyDp(): void {
  const chart = createLineChart(byId("chart-dp"), {
    xLabel: "hidden layers",
    yLabel: "multiplications",
    logY: true,
    integerX: true,
    height: 240,
    series: COUNT_WIDTHS.flatMap((w, i) => [
      { label: `expansion, width ${w}`, stroke: WIDTH_COLORS[i] },
      { label: `backprop, width ${w}`, stroke: WIDTH_COLORS[i], dash: [6, 4] },
    ]),
    formatY: (v) => (v >= 1000 ? `10${sup(Math.round(Math.log10(v)))}` : String(v)),
  });
  const table = byId<HTMLTableElement>("dp-table");
  const body = el("tbody");
  table.append(
    el(
      "thead",
      {},
      el(
        "tr",
        {},
        ...[
          "layer sizes",
          "expansion ×",
          "backprop ×",
          "ratio",
          "expansion ms",
          "backprop ms",
          "max |Δ gradient|",
        ].map((h) => el("th", { scope: "col" }, h)),
      ),
    ),
    body,
  );
  const counts: ChainRuleCount[] = [];
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
    const c = event.data;
    counts.push(c);
    const at = (w: number, d: number, key: "expansion" | "backprop") =>
      counts.find((k) => k.width === w && k.hiddenLayers === d)?.[key] ?? null;
    chart.setData(
      [...COUNT_DEPTHS],
      COUNT_WIDTHS.flatMap((w) => [
        COUNT_DEPTHS.map((d) => at(w, d, "expansion")),
        COUNT_DEPTHS.map((d) => at(w, d, "backprop")),
      ]),
    );
    body.append(
      el(
        "tr",
        {},
        el("td", {}, c.sizes.join("-")),
        el("td", { class: "number" }, c.expansion.toLocaleString("en")),
        el("td", { class: "number" }, c.backprop.toLocaleString("en")),
        el(
          "td",
          { class: "number" },
          `${(c.expansion / c.backprop).toFixed(c.expansion / c.backprop < 10 ? 1 : 0)}×`,
        ),
        el("td", { class: "number" }, c.expansionMs.toPrecision(2)),
        el("td", { class: "number" }, c.backpropMs.toPrecision(2)),
        el(
          "td",
          { class: "number" },
          c.maxDifference === 0 ? "0" : c.maxDifference.toExponential(0),
        ),
      ),
    );
  });
}
