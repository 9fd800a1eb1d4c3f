/**
 * A stack of small images drawn side by side: F feature maps (or filters) of side × side
 * values each, channel-major as the layers hold them (map f is values f·side² …
 * (f+1)·side² − 1). One canvas per map, all on one colour scale, so maps compare.
 */
import { el } from "./dom";
import { drawGrey, drawHeatmap } from "./heatmap";

export type MapColours = "signed" | "grey";

/** Draws `count` maps into `container` (reusing its canvases); `label(f)` names map f. */
export function drawMaps(
  container: HTMLElement,
  values: ArrayLike<number>,
  count: number,
  side: number,
  scale: number,
  label: (f: number) => string,
  colours: MapColours = "signed",
): HTMLCanvasElement[] {
  let canvases = [...container.querySelectorAll("canvas")];
  if (canvases.length !== count) {
    canvases = Array.from({ length: count }, () =>
      el("canvas", { width: side, height: side, class: "map-image", role: "img" }),
    );
    container.replaceChildren(...canvases);
  }
  const n = side * side;
  const view = Float64Array.from(values);
  for (let f = 0; f < count; f++) {
    const map = view.subarray(f * n, (f + 1) * n);
    if (colours === "grey") drawGrey(canvases[f], map, side, side);
    else drawHeatmap(canvases[f], map, side, side, scale);
    canvases[f].setAttribute("aria-label", label(f + 1));
  }
  return canvases;
}
