/** Small DOM helpers, so the views read as what they build. */

/** The element with `id`; a missing one is a bug in index.html, so it throws at start-up. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`index.html has no element with id "${id}"`);
  return element as T;
}

type Child = Node | string | null | undefined | false;

/** An element with attributes (strings; `class` and data-* included) and children. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

/** A 2-D context; Chromium and every current browser have one. */
export function context2d(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const context = canvas.getContext("2d");
  if (!context) throw new Error("this browser gives no 2-D canvas context");
  return context;
}

/** Superscript digits for layer indices: 12 → ¹². */
export function sup(n: number): string {
  return String(n).replace(/\d/g, (d) => "⁰¹²³⁴⁵⁶⁷⁸⁹"[Number(d)]);
}

/** A number in a few characters: 0.0123, −1.20e−5, 12.3. */
export function formatNumber(v: number): string {
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) return v.toExponential(2).replace("-", "−");
  return v.toFixed(a >= 100 ? 1 : a >= 1 ? 3 : 4).replace("-", "−");
}

/**
 * Makes every `data-scroll` box (and any given one) reachable by keyboard: a region that
 * scrolls must take focus so it can be scrolled without a mouse (axe's
 * scrollable-region-focusable). Set here rather than in index.html, whose linter reads a
 * tabindex on a non-interactive element as a mistake.
 */
export function focusableScrollers(...extra: HTMLElement[]): void {
  for (const node of [...document.querySelectorAll<HTMLElement>("[data-scroll]"), ...extra])
    node.tabIndex = 0;
}
