/**
 * The conv net training live: its 8 filters (5×5, red positive, blue negative, one scale)
 * and, for test digit 0, the conv layer's feature maps a = ReLU(z) (8 × 24×24) and the
 * pooled maps (8 × 12×12). The worker sends them throttled (every 300 ms and after each
 * epoch, see training-run.ts); drawing waits for the next frame, once per frame.
 */
import { CONV } from "../conv-net";
import { onLanguageChange, t } from "../i18n/i18n";
import type { ConvSnapshot } from "../protocol";
import { byId, formatNumber } from "./dom";
import { drawMaps } from "./feature-maps";
import { drawGrey, maxAbs } from "./heatmap";

export interface ConvView {
  show(snapshot: ConvSnapshot): void;
}

export function createConvView(): ConvView {
  let last: ConvSnapshot | undefined;
  let pending = false;

  function draw(): void {
    pending = false;
    if (!last) return;
    const m = t();
    const { filters, kernel, mapSide, pooledSide } = CONV;
    const filterScale = maxAbs(last.filters);
    drawMaps(byId("conv-filters"), last.filters, filters, kernel, filterScale, m.convFilter);
    byId("conv-filters-scale").textContent = m.convFiltersScale(formatNumber(filterScale));
    const mapScale = maxAbs(last.maps);
    drawMaps(byId("conv-maps"), last.maps, filters, mapSide, mapScale, m.convMap);
    drawMaps(byId("conv-pooled"), last.pooled, filters, pooledSide, mapScale, m.convMap);
    byId("conv-maps-scale").textContent = m.convMapsScale(formatNumber(mapScale));
    drawGrey(byId<HTMLCanvasElement>("conv-input"), last.input, 28, 28);
  }

  onLanguageChange(draw);
  return {
    show(snapshot) {
      last = snapshot;
      if (!pending) {
        pending = true;
        requestAnimationFrame(draw);
      }
    },
  };
}
