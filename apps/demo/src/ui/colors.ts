/**
 * Colours of the page's pictures: a diverging map for signed values (blue < 0 < red, white
 * at 0) and one colour per class for the 2-D sets.
 */

/** RGB of v in [−1, 1]: −1 blue, 0 white, +1 red (clamped outside). */
export function diverging(v: number): [number, number, number] {
  const t = Math.max(-1, Math.min(1, v));
  if (t >= 0) return [255, Math.round(255 * (1 - 0.78 * t)), Math.round(255 * (1 - 0.85 * t))];
  const s = -t;
  return [Math.round(255 * (1 - 0.85 * s)), Math.round(255 * (1 - 0.6 * s)), 255];
}

/** One colour per class, readable on white. */
export const CLASS_COLORS: readonly [number, number, number][] = [
  [31, 119, 180],
  [255, 127, 14],
  [44, 160, 44],
  [214, 39, 40],
  [148, 103, 189],
  [140, 86, 75],
  [227, 119, 194],
  [127, 127, 127],
  [188, 189, 34],
  [23, 190, 207],
];

/** The chart series colours (cost/accuracy: training and test). */
export const SERIES = { training: "#1f77b4", test: "#d62728", throughput: "#2ca02c" } as const;

/**
 * A step-through cell's background for v in [−1, 1]: the diverging map at 60% strength, so
 * the page's ink (#1d2330) on it keeps a contrast of at least 6.5:1 (WCAG AA asks 4.5:1;
 * at full strength blue gave 3.4:1).
 */
export function cellColor(v: number): [number, number, number] {
  return diverging(0.6 * v);
}
