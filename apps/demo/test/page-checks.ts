/**
 * What the browser test asks of a page, kept apart from the test's story: axe-core's
 * serious and critical violations, whether elements are in the viewport, a canvas's
 * pixels, a stroke drawn with the mouse, and the status line's history.
 */
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

/** Runs axe-core (WCAG 2 A and AA rules) on the page; returns the serious and critical violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (o: object) => Promise<{
            violations: {
              id: string;
              impact: string;
              help: string;
              nodes: { target: string[] }[];
            }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run({
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"] },
      resultTypes: ["violations"],
    });
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
      }));
  });
}

/** The ids among `ids` whose element is not wholly inside the viewport as the page is scrolled now. */
export async function outOfView(page: Page, ids: readonly string[]): Promise<string[]> {
  return page.evaluate((list) => {
    return list.filter((id) => {
      const box = document.getElementById(id)?.getBoundingClientRect();
      return (
        !box ||
        box.width === 0 ||
        box.top < 0 ||
        box.left < 0 ||
        box.bottom > innerHeight ||
        box.right > innerWidth
      );
    });
  }, ids);
}

/** The RGBA bytes of a canvas, as a plain array (to compare before and after). */
export async function canvasPixels(page: Page, selector: string): Promise<number[]> {
  return page.evaluate((s) => {
    const canvas = document.querySelector<HTMLCanvasElement>(s);
    const context = canvas?.getContext("2d");
    if (!canvas || !context) return [];
    return Array.from(context.getImageData(0, 0, canvas.width, canvas.height).data);
  }, selector);
}

/** Draws a "7" on the drawing canvas with the mouse. */
export async function drawSeven(page: Page): Promise<void> {
  const canvas = page.locator("#draw-canvas");
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  if (!box) throw new Error("the drawing canvas has no box");
  const at = (x: number, y: number) => [box.x + x * box.width, box.y + y * box.height] as const;
  await page.mouse.move(...at(0.3, 0.25));
  await page.mouse.down();
  for (const [x, y] of [
    [0.5, 0.25],
    [0.7, 0.25],
    [0.6, 0.45],
    [0.5, 0.65],
    [0.42, 0.8],
  ]) {
    await page.mouse.move(...at(x, y), { steps: 6 });
  }
  await page.mouse.up();
}

declare global {
  interface Window {
    longTasks: { start: number; duration: number }[];
    statusLog: string[];
  }
}

/** Before the page's scripts: a long-task observer and a log of every status-line text. */
export function instrument(language: string): void {
  // The test's language on the first visit; a switch made on the page is kept across reloads.
  if (!localStorage.getItem("backprop-demo-language"))
    localStorage.setItem("backprop-demo-language", language);
  window.longTasks = [];
  window.statusLog = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      window.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }
  }).observe({ type: "longtask", buffered: true });
  document.addEventListener("DOMContentLoaded", () => {
    const status = document.getElementById("status");
    if (!status) return;
    new MutationObserver(() => window.statusLog.push(status.textContent ?? "")).observe(status, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
}
