/**
 * Screenshots of each view for the README: the top of the page as a visitor first sees it
 * (controls and learning curves), then each section on its own, at every viewport given.
 * Written to test-results/screenshots; UPDATE_SCREENSHOT=1 also copies them to
 * apps/demo/screenshots/<lang>-<width>-<view>.png.
 */
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { APP_DIR } from "./site";

const SECTIONS: Record<string, string> = {
  first: "section.first-steps",
  draw: "section.draw",
  weights: "section.weights",
  missed: "section.missed",
  step: "section.step-through",
  why: "section.why-dp",
};

export async function saveScreenshots(
  page: Page,
  language: string,
  viewports: readonly { width: number; height: number }[],
  sections = SECTIONS,
  withTop = true,
): Promise<void> {
  const out = join(APP_DIR, "test-results", "screenshots");
  const keep = process.env.UPDATE_SCREENSHOT ? join(APP_DIR, "screenshots") : undefined;
  mkdirSync(out, { recursive: true });
  if (keep) mkdirSync(keep, { recursive: true });
  for (const viewport of viewports) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(300); // the charts follow their containers' new width
    const top = async (path: string) => {
      await page.evaluate(() => window.scrollTo(0, 0));
      return page.screenshot({ path });
    };
    const shots: [string, (path: string) => Promise<unknown>][] = [
      ...(withTop ? [["top", top] as [string, typeof top]] : []),
      ...Object.entries(sections).map(
        ([view, selector]): [string, (path: string) => Promise<unknown>] => [
          view,
          (path) => page.locator(selector).screenshot({ path }),
        ],
      ),
    ];
    for (const [view, take] of shots) {
      const name = `${language}-${viewport.width}-${view}.png`;
      await take(join(out, name));
      if (keep) copyFileSync(join(out, name), join(keep, name));
    }
  }
  await page.evaluate(() => window.scrollTo(0, 0));
}
