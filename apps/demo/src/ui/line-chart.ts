/**
 * A uPlot line chart that follows its container's width and takes whole new data arrays:
 * the one wrapper every chart of the page uses. `data-points` on the container says how
 * many x values it shows (for tests and for anyone inspecting the page).
 */
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export interface SeriesSpec {
  label: string;
  stroke: string;
  dash?: number[];
}

export interface LineChartOptions {
  xLabel: string;
  yLabel: string;
  series: readonly SeriesSpec[];
  /** Logarithmic y axis (base 10), ticked at powers of ten. */
  logY?: boolean;
  /** Whole-number x ticks only (epochs, layer counts). */
  integerX?: boolean;
  height?: number;
  /** Dots on the data points (default true; off for dense curves). */
  points?: boolean;
  /** Formats y tick labels. */
  formatY?: (v: number) => string;
}

export interface LineChart {
  /** x values, then one array per series (null where a series has no value). */
  setData(x: readonly number[], ys: readonly (readonly (number | null)[])[]): void;
  /** New axis and series labels (another language), redrawn at once. */
  relabel(xLabel: string, yLabel: string, series: readonly string[]): void;
}

/** Ticks at 1, 10, 100, … within the scale's range (uPlot thins their labels to fit). */
function powersOfTen(_u: uPlot, _axis: number, min: number, max: number): number[] {
  const low = Math.floor(Math.log10(Math.max(min, 1e-12)));
  const high = Math.ceil(Math.log10(Math.max(max, 1e-12)));
  const ticks: number[] = [];
  for (let k = low; k <= high; k++) ticks.push(10 ** k);
  return ticks;
}

export function createLineChart(container: HTMLElement, options: LineChartOptions): LineChart {
  const height = options.height ?? 180;
  const width = () => Math.max(200, container.clientWidth);
  const formatY = options.formatY;
  // Labels uPlot reads at each draw (axes) or shows as elements (legend), so they can change.
  const labels = { x: options.xLabel, y: options.yLabel };
  const seriesLabels = options.series.map((s) => {
    const span = document.createElement("span");
    span.textContent = s.label;
    return span;
  });
  const plot = new uPlot(
    {
      width: width(),
      height,
      scales: {
        x: { time: false },
        y: options.logY ? { distr: 3, log: 10 } : { auto: true },
      },
      axes: [
        {
          label: () => labels.x,
          labelSize: 20,
          size: 36,
          incrs: options.integerX ? [1, 2, 5, 10, 20, 50, 100, 200, 500] : undefined,
        },
        {
          label: () => labels.y,
          labelSize: 20,
          size: 56,
          splits: options.logY ? powersOfTen : undefined,
          values: formatY
            ? (_u, ticks) => ticks.map((t) => (t === null || t === undefined ? "" : formatY(t)))
            : undefined,
        },
      ],
      series: [
        { label: options.xLabel },
        ...options.series.map((s, i) => ({
          label: seriesLabels[i],
          stroke: s.stroke,
          width: 2,
          dash: s.dash,
          points: { show: options.points ?? true, size: 5 },
          spanGaps: true,
        })),
      ],
      legend: { live: false },
      cursor: { drag: { x: false, y: false } },
    },
    [[], ...options.series.map(() => [])],
    container,
  );
  new ResizeObserver(() => {
    const w = width();
    if (w !== plot.width) plot.setSize({ width: w, height });
  }).observe(container);
  return {
    setData(x, ys) {
      plot.setData([x as number[], ...(ys as (number | null)[][])]);
      container.dataset.points = String(x.length);
    },
    relabel(x, y, series) {
      labels.x = x;
      labels.y = y;
      for (const [i, span] of seriesLabels.entries()) span.textContent = series[i] ?? "";
      plot.redraw(false, true);
    },
  };
}
