/**
 * Test digits the network gets wrong, each with its label and the network's answer
 * ("7 → 1"), as the network is now: asked of the worker by the button, and again when a
 * run ends.
 */
import { formatCount, onLanguageChange, t } from "../i18n/i18n";
import type { MissedDigit } from "../protocol";
import { byId, el } from "./dom";
import { drawGrey } from "./heatmap";

export const MISSED_LIMIT = 40;

export interface MissedGallery {
  show(wrong: number, total: number, items: MissedDigit[]): void;
  clear(): void;
}

export function createMissedGallery(request: () => void): MissedGallery {
  const list = byId<HTMLUListElement>("missed-gallery");
  const count = byId("missed-count");
  let shown: { wrong: number; total: number; items: MissedDigit[] } | undefined;
  byId("missed-find").addEventListener("click", request);

  function render(): void {
    if (!shown) {
      count.textContent = "";
      list.replaceChildren();
      list.dataset.count = "0";
      return;
    }
    const m = t();
    const { wrong, total, items } = shown;
    count.textContent =
      wrong === 0 ? m.missedNone : m.missedCount(formatCount(wrong), formatCount(total));
    list.replaceChildren(
      ...items.map((item) => {
        const canvas = el("canvas", {
          width: 28,
          height: 28,
          role: "img",
          "aria-label": m.missedItemLabel(item.index, item.label, item.answer),
        });
        drawGrey(
          canvas,
          Float64Array.from(item.image, (v) => v / 255),
          28,
          28,
        );
        return el(
          "li",
          { title: m.missedItemLabel(item.index, item.label, item.answer) },
          canvas,
          el("span", { "aria-hidden": "true" }, m.missedItem(item.label, item.answer)),
        );
      }),
    );
    list.dataset.count = String(items.length);
  }

  onLanguageChange(render);
  return {
    show(wrong, total, items) {
      shown = { wrong, total, items };
      render();
    },
    clear() {
      shown = undefined;
      render();
    },
  };
}
