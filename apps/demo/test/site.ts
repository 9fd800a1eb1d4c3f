/**
 * The built site for browser tests: builds apps/demo with Vite's `build()` when dist/ is
 * missing or older than any source it is made from (the app's and the libraries'), then
 * serves it with `preview()` on 127.0.0.1 at a free port.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type PreviewServer, preview } from "vite";

export const APP_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const REPO_DIR = resolve(APP_DIR, "../..");
const BUILT = join(APP_DIR, "dist", "index.html");

/** Newest modification time under `path` (files only; node_modules and dist skipped). */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === "node_modules" || entry === "dist") continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

/** True if dist/ is missing or older than a source of the site. */
export function siteIsStale(): boolean {
  if (!existsSync(BUILT)) return true;
  const built = statSync(BUILT).mtimeMs;
  const sources = [
    join(APP_DIR, "src"),
    join(APP_DIR, "plugins"),
    join(APP_DIR, "public"),
    join(APP_DIR, "index.html"),
    join(APP_DIR, "vite.config.ts"),
    join(APP_DIR, "package.json"),
    ...["activations", "datasets", "linalg", "network", "optimizers"].map((p) =>
      join(REPO_DIR, "packages", p, "src"),
    ),
  ];
  return sources.some((source) => newest(source) > built);
}

/** Builds the site if it is stale; returns whether it built. */
export async function ensureBuilt(): Promise<boolean> {
  if (!siteIsStale()) return false;
  // Vitest sets NODE_ENV=test, which would make Vite build a development bundle
  // (import.meta.env.PROD false: no service worker). Build what `vite build` builds.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ root: APP_DIR, configFile: join(APP_DIR, "vite.config.ts"), logLevel: "warn" });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  return true;
}

export interface Site {
  url: string;
  close(): Promise<void>;
}

/** Serves dist/ on 127.0.0.1 at a free port. */
export async function serveSite(): Promise<Site> {
  const server: PreviewServer = await preview({
    root: APP_DIR,
    configFile: join(APP_DIR, "vite.config.ts"),
    logLevel: "warn",
    preview: { host: "127.0.0.1", port: 0, strictPort: false, open: false },
  });
  const address = server.httpServer.address();
  if (!address || typeof address === "string") throw new Error("preview: no TCP address");
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => server.close(),
  };
}
