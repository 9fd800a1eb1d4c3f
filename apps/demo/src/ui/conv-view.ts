/**
 * The conv net training live: its 8 filters (5×5, red positive, blue negative, one scale)
 * and the conv layer's feature maps a = ReLU(z) (8 × 24×24) and the pooled maps
 * (8 × 12×12) of one digit: test digit 0, or the draw panel's digit once there is one (the
 * learner's own handwriting), with a line saying whose maps these are. The worker sends the
 * filters and test digit 0's maps throttled (every 300 ms and after each epoch, see
 * training-run.ts) and the drawing's maps with each answer to predictDrawing; drawing waits
 * for the next frame, once per frame.
 */
import { CONV } from "../conv-net";
import { onLanguageChange, t } from "../i18n/i18n";
import type { ConvPrediction, ConvSnapshot } from "../protocol";
import { byId, formatNumber } from "./dom";
import type { Drawing } from "./draw-panel";
import { drawMaps } from "./feature-maps";
import { drawGrey, maxAbs } from "./heatmap";

export interface ConvView {
  show(snapshot: ConvSnapshot): void;
  /** The draw panel's digit and its maps, or undefined to go back to the test digit's. */
  showDrawing(prediction: ConvPrediction | undefined, drawing?: Drawing): void;
}

export function createConvView(): ConvView {
  let last: ConvSnapshot | undefined;
  let ownDigit: { prediction: ConvPrediction; drawing: Drawing } | undefined;
  let pending = false;

  /** Whose maps are drawn: the learner's drawing (or a test image shown there), else test digit `index`. */
  function caption(index: number): string {
    const m = t();
    if (!ownDigit) return m.convMapsOfTest(index);
    const shown = ownDigit.drawing.testIndex;
    return shown === undefined ? m.convMapsOfDrawing : m.convMapsOfShown(shown);
  }

  function draw(): void {
    pending = false;
    if (!last) return;
    const m = t();
    const { filters, kernel, mapSide, pooledSide } = CONV;
    const filterScale = maxAbs(last.filters);
    drawMaps(byId("conv-filters"), last.filters, filters, kernel, filterScale, m.convFilter);
    byId("conv-filters-scale").textContent = m.convFiltersScale(formatNumber(filterScale));
    const digit = ownDigit?.prediction ?? last;
    const mapScale = maxAbs(digit.maps);
    drawMaps(byId("conv-maps"), digit.maps, filters, mapSide, mapScale, m.convMap);
    drawMaps(byId("conv-pooled"), digit.pooled, filters, pooledSide, mapScale, m.convMap);
    byId("conv-maps-scale").textContent = m.convMapsScale(formatNumber(mapScale));
    byId("conv-maps-of").textContent = caption(last.index);
    drawGrey(byId<HTMLCanvasElement>("conv-input"), digit.input, 28, 28);
  }

  function schedule(): void {
    if (!pending) {
      pending = true;
      requestAnimationFrame(draw);
    }
  }

  onLanguageChange(draw);
  return {
    show(snapshot) {
      last = snapshot;
      schedule();
    },
    showDrawing(prediction, drawing) {
      ownDigit = prediction && drawing ? { prediction, drawing } : undefined;
      schedule();
    },
  };
}
