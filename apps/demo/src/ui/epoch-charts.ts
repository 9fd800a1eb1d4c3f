/**
 * The learning curves: cost and accuracy (training and test) and throughput per epoch,
 * the figures above them, and the seed-style epoch log ("Epoch 0: 9064 / 10000").
 */
import type { EpochRecord } from "@backprop/optimizers";
import { onLanguageChange, t } from "../i18n/i18n";
import { SERIES } from "./colors";
import { byId, el } from "./dom";
import { createLineChart } from "./line-chart";

export interface EpochCharts {
  add(record: EpochRecord, epochs: number): void;
  clear(): void;
}

const percent = (v: number | undefined) => (v === undefined ? null : 100 * v);

export function createEpochCharts(): EpochCharts {
  const m = t();
  // Test dashed, training solid: the two read apart without colour too.
  const both = [
    { label: m.seriesTraining, stroke: SERIES.training },
    { label: m.seriesTest, stroke: SERIES.test, dash: [6, 4] },
  ];
  const cost = createLineChart(byId("chart-cost"), {
    xLabel: m.axisEpoch,
    yLabel: m.axisCost,
    series: both,
    integerX: true,
  });
  const accuracy = createLineChart(byId("chart-accuracy"), {
    xLabel: m.axisEpoch,
    yLabel: m.axisAccuracy,
    series: both,
    integerX: true,
  });
  const throughput = createLineChart(byId("chart-throughput"), {
    xLabel: m.axisEpoch,
    yLabel: m.axisSamples,
    series: [{ label: m.seriesThroughput, stroke: SERIES.throughput }],
    integerX: true,
    formatY: (v) => (v >= 1000 ? `${Math.round(v / 1000)}k` : String(v)),
  });
  const log = byId<HTMLOListElement>("epoch-log");
  const figure = {
    epoch: byId("figure-epoch"),
    test: byId("figure-test-accuracy"),
    training: byId("figure-training-accuracy"),
    throughput: byId("figure-throughput"),
  };
  let records: EpochRecord[] = [];
  onLanguageChange(() => {
    const m = t();
    cost.relabel(m.axisEpoch, m.axisCost, [m.seriesTraining, m.seriesTest]);
    accuracy.relabel(m.axisEpoch, m.axisAccuracy, [m.seriesTraining, m.seriesTest]);
    throughput.relabel(m.axisEpoch, m.axisSamples, [m.seriesThroughput]);
  });

  function redraw(): void {
    const x = records.map((r) => r.epoch + 1);
    cost.setData(x, [
      records.map((r) => r.training?.cost ?? null),
      records.map((r) => r.test?.cost ?? null),
    ]);
    accuracy.setData(x, [
      records.map((r) => percent(r.training?.accuracy)),
      records.map((r) => percent(r.test?.accuracy)),
    ]);
    throughput.setData(x, [records.map((r) => Math.round(r.samplesPerSecond))]);
  }

  return {
    add(record, epochs) {
      records.push(record);
      redraw();
      figure.epoch.textContent = `${record.epoch + 1} / ${epochs}`;
      if (record.test) {
        figure.test.textContent = `${(100 * record.test.accuracy).toFixed(2)} %`;
        figure.test.dataset.value = String(record.test.accuracy);
      }
      figure.throughput.textContent = Math.round(record.samplesPerSecond).toLocaleString("en");
      if (record.training)
        figure.training.textContent = `${(100 * record.training.accuracy).toFixed(2)} %`;
      const t = record.test;
      log.append(
        el(
          "li",
          {},
          `Epoch ${record.epoch}: ${t ? `${t.correct} / ${t.total}` : "–"}  (${t ? (100 * t.accuracy).toFixed(2) : "–"}%, ${record.seconds.toFixed(2)} s, ${Math.round(record.samplesPerSecond)} samples/s)`,
        ),
      );
    },
    clear() {
      records = [];
      redraw();
      log.replaceChildren();
      for (const f of Object.values(figure)) f.textContent = "–";
      figure.test.dataset.value = "";
    },
  };
}
