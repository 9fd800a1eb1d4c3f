/**
 * The demo end to end, in real Chromium against the built site: it loads with no console
 * errors, trains an MNIST subset in the worker past 80% test accuracy (pausing and resuming
 * on the way) while the main thread has no long task over 100 ms, the plots update, a
 * drawn stroke gets a prediction, the step-through fills a δ for every layer, the layout
 * fits a phone's width, and a reload with the network off still loads (service worker +
 * Cache API). The trained page is saved to test-results/trained.png (and, with
 * UPDATE_SCREENSHOT=1, the README's screenshot.png).
 */
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, CHROMIUM, hasChromium, launchChromium } from "./browser";
import { APP_DIR, ensureBuilt, type Site, serveSite } from "./site";

/** The run: a few thousand images, the seed's 784-30-10 with cross-entropy (network2's cost). */
const RUN = {
  trainingSize: "5000",
  testSize: "1000",
  cost: "crossEntropy",
  eta: "1",
  epochs: "10",
};
const LAYERS = 2;
const LONG_TASK_MS = 100;

interface LongTask {
  start: number;
  duration: number;
}

declare global {
  interface Window {
    longTasks: LongTask[];
  }
}

if (!hasChromium() && process.env.CI) {
  describe("the demo in Chromium", () => {
    it("needs Chromium", () => {
      throw new Error(
        `${CHROMIUM} is missing: CI must install it (apt-get update && apt-get install -y chromium), as .ci/run does`,
      );
    });
  });
}

const TITLE = hasChromium()
  ? "the demo in Chromium"
  : `the demo in Chromium (skipped: no ${CHROMIUM}; apt-get install -y chromium)`;

describe.skipIf(!hasChromium())(TITLE, () => {
  let site: Site | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const errors: string[] = [];
  let trainingStart = 0;
  let trainingEnd = 0;

  beforeAll(async () => {
    await ensureBuilt();
    site = await serveSite();
    browser = await launchChromium({ width: 1400, height: 1000 });
    await browser.context.addInitScript(() => {
      window.longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          window.longTasks.push({ start: entry.startTime, duration: entry.duration });
        }
      }).observe({ type: "longtask", buffered: true });
    });
    page = await browser.context.newPage();
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(`console: ${message.text()}`);
      if (message.type() === "warning") console.warn(`page warning: ${message.text()}`);
    });
    page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
    await page.goto(site.url);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it("loads MNIST from the site's own assets with no console errors", async () => {
    await page.waitForSelector('#status[data-status="idle"]', { timeout: 60_000 });
    await page.waitForSelector('#chart-dp[data-done="true"]', { timeout: 60_000 });
    expect(await page.textContent("#layer-sizes")).toContain("784-30-10");
    expect(await page.locator("#dp-table tbody tr").count()).toBe(18);
    // The long-task observer works: a deliberate 150 ms task (before training) is seen.
    // (Run from a timer: a task started by the test driver itself is not reported.)
    await page.evaluate(() => {
      setTimeout(() => {
        const end = performance.now() + 150;
        while (performance.now() < end) {}
      }, 0);
    });
    await page.waitForFunction(() => window.longTasks.some((t) => t.duration >= 150));
    expect(errors).toEqual([]);
  });

  it("trains an MNIST subset in the worker past 80% test accuracy; pause holds it", async () => {
    await page.selectOption("#training-size", RUN.trainingSize);
    await page.selectOption("#test-size", RUN.testSize);
    await page.selectOption("#cost", RUN.cost);
    await page.fill("#eta", RUN.eta);
    await page.fill("#epochs", RUN.epochs);
    trainingStart = await page.evaluate(() => performance.now());
    await page.click("#start");
    await page.waitForSelector('#status[data-status="training"]', { timeout: 60_000 });
    await page.click("#pause");
    await page.waitForSelector('#status[data-status="paused"]');
    const progressAt = () =>
      page.evaluate(() => [
        document.querySelectorAll("#epoch-log li").length,
        document.querySelector("progress")?.value,
      ]);
    const pausedAt = await progressAt();
    await page.waitForTimeout(1000);
    expect(await progressAt()).toEqual(pausedAt);
    await page.click("#resume");
    await page.waitForSelector('#status[data-status="done"]', { timeout: 120_000 });
    trainingEnd = await page.evaluate(() => performance.now());
    const best = await page.evaluate(() => {
      const lines = [...document.querySelectorAll("#epoch-log li")].map(
        (li) => li.textContent ?? "",
      );
      return Math.max(...lines.map((line) => Number(/\(([\d.]+)%/.exec(line)?.[1] ?? 0)));
    });
    expect(best).toBeGreaterThan(80);
    expect(errors).toEqual([]);
  });

  it("plots cost, accuracy and throughput for every epoch", async () => {
    for (const id of ["chart-cost", "chart-accuracy", "chart-throughput"]) {
      expect(await page.getAttribute(`#${id}`, "data-points")).toBe(RUN.epochs);
    }
    const throughput = await page.textContent("#figure-throughput");
    expect(Number(throughput?.replace(/,/g, ""))).toBeGreaterThan(0);
  });

  it("kept the main thread free: no long task over 100 ms while training", async () => {
    const tasks = await page.evaluate(() => window.longTasks);
    const during = tasks.filter(
      (t) => t.start + t.duration >= trainingStart && t.start <= trainingEnd,
    );
    const longest = Math.max(0, ...during.map((t) => t.duration));
    console.info(`${during.length} long tasks (> 50 ms) while training; the longest ${longest} ms`);
    expect(during.filter((t) => t.duration > LONG_TASK_MS)).toEqual([]);
  });

  it("predicts a digit drawn on the canvas", async () => {
    const canvas = page.locator("#draw-canvas");
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    if (!box) throw new Error("the drawing canvas has no box");
    // A "7": a stroke across the top, then down to the lower left.
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
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>("#prediction")?.dataset.digit !== "",
    );
    const digit = await page.getAttribute("#prediction", "data-digit");
    expect(digit).toMatch(/^\d$/);
    expect(await page.locator(".bar-row.best").count()).toBe(1);
  });

  it("steps through backprop and shows a δ for every layer", async () => {
    await page.click("#trace-load");
    await page.waitForSelector("#step-view h3");
    let steps = 1;
    while (!(await page.isDisabled("#step-next"))) {
      await page.click("#step-next");
      steps++;
    }
    expect(steps).toBe(2 * LAYERS + 1);
    expect(await page.locator('td.filled[data-memo="delta"]').count()).toBe(LAYERS);
    expect(await page.textContent("#step-view")).toContain("BP2");
    // Back to BP1's step for the picture: δᴸ, the equations and the memo half filled.
    await page.click("#step-back");
    expect(errors).toEqual([]);
  });

  it("saves a screenshot of the trained page", async () => {
    const dir = join(APP_DIR, "test-results");
    mkdirSync(dir, { recursive: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(dir, "trained.png"), fullPage: true });
    // The README's picture: from the top to the end of the drawing panel (curves, controls,
    // a drawn digit with its prediction bars, the hidden units' weights).
    const top = join(dir, "trained-top.png");
    const draw = await page.locator("section.draw").boundingBox();
    const width = page.viewportSize()?.width ?? 1400;
    await page.screenshot({
      path: top,
      fullPage: true,
      clip: { x: 0, y: 0, width, height: Math.ceil((draw?.y ?? 900) + (draw?.height ?? 0) + 16) },
    });
    if (process.env.UPDATE_SCREENSHOT) copyFileSync(top, join(APP_DIR, "screenshot.png"));
  });

  it("fits a phone's width: nothing wider than the screen", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(300); // the charts follow their containers' new width
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(overflow).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(APP_DIR, "test-results", "narrow.png"), fullPage: true });
    await page.setViewportSize({ width: 1400, height: 1000 });
  });

  it("works offline once loaded: a reload with no network loads the page and MNIST", async () => {
    await page.waitForFunction(
      async () => (await (await caches.open("backprop-demo-page-v1")).keys()).length >= 4,
      undefined,
      { timeout: 30_000 },
    );
    // The service worker controls the page (clients.claim() on its first activation).
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 30_000,
    });
    await browser?.context.setOffline(true);
    try {
      await page.reload();
      await page.waitForSelector('#status[data-status="idle"]', { timeout: 60_000 });
      expect(await page.textContent("#layer-sizes")).toContain("784-30-10");
    } finally {
      await browser?.context.setOffline(false);
    }
    expect(errors).toEqual([]);
  });
});
