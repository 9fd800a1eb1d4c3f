/**
 * The memo of the dynamic programme as a table: per layer, which of zˡ, aˡ, δˡ, ∂C/∂bˡ and
 * ∂C/∂wˡ are stored after the current step, which the step reads (▸, highlighted) and which
 * it writes (✎, bold): marks as well as colours, so it reads without them.
 */
import { type BackpropStep, MEMO_ROWS, type MemoRow, memoAfter, memoRead } from "../backprop-steps";
import { t as messages } from "../i18n/i18n";
import type { TraceData } from "../protocol";
import { el } from "./dom";

const ROW_NAMES: Record<MemoRow, (l: string) => string> = {
  z: (l) => `z${l}`,
  a: (l) => `a${l}`,
  delta: (l) => `δ${l}`,
  nablaB: (l) => `∂C/∂b${l}`,
  nablaW: (l) => `∂C/∂w${l}`,
};

export function renderMemoTable(
  memo: HTMLElement,
  t: TraceData,
  steps: readonly BackpropStep[],
  current: number,
): void {
  const L = t.sizes.length - 1;
  const known = memoAfter(steps, current);
  const read = memoRead(steps[current], L);
  const written = memoAfter(steps, current);
  for (const key of memoAfter(steps, current - 1)) written.delete(key);
  const m = messages();
  const header = el(
    "tr",
    {},
    el("th", { scope: "col" }, m.memoCorner),
    ...Array.from({ length: L }, (_, i) =>
      el("th", { scope: "col" }, m.memoLayer(i + 1, t.sizes[i + 1])),
    ),
  );
  const rows = MEMO_ROWS.map((row) =>
    el(
      "tr",
      {},
      el("th", { scope: "row" }, ROW_NAMES[row]("ˡ")),
      ...Array.from({ length: L }, (_, i) => {
        const key = `${row}:${i + 1}`;
        const entry = (
          row === "z"
            ? t.zs
            : row === "a"
              ? t.as.slice(1)
              : row === "delta"
                ? t.deltas
                : row === "nablaB"
                  ? t.nablaB
                  : t.nablaW
        )[i];
        const state = [
          known.has(key) && "filled",
          written.has(key) && "written",
          read.has(key) && "read",
        ]
          .filter(Boolean)
          .join(" ");
        // Marks as well as colours: ▸ read by this step, ✎ written by it.
        const mark = read.has(key) ? "▸ " : written.has(key) ? "✎ " : "";
        return el(
          "td",
          { class: state, "data-memo": row, "data-layer": i + 1 },
          known.has(key) ? `${mark}${entry.rows}×${entry.cols}` : "·",
        );
      }),
    ),
  );
  memo.replaceChildren(
    el(
      "table",
      {},
      el("caption", {}, m.memoCaption),
      el("thead", {}, header),
      el("tbody", {}, ...rows),
    ),
  );
}
