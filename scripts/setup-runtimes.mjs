#!/usr/bin/env node
// Installs Bun and Deno from the npm registry into .runtimes/ (git-ignored), for the tests
// that run on every runtime we support: the kernel thread (packages/linalg/test/runtimes)
// and the same weights from the same seed (apps/demo/test/same-weights). Idempotent: a
// second run with the versions in place does nothing. Part of `pnpm test`.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const RUNTIMES = { bun: "1.4.5", deno: "2.9.6" };
const root = fileURLToPath(new URL("../.runtimes/", import.meta.url));

function installed(name) {
  const manifest = `${root}node_modules/${name}/package.json`;
  if (!existsSync(manifest) || !existsSync(`${root}node_modules/.bin/${name}`)) return null;
  return JSON.parse(readFileSync(manifest, "utf8")).version;
}

const missing = Object.entries(RUNTIMES).filter(([name, version]) => installed(name) !== version);
if (missing.length === 0) {
  console.log(
    `runtimes: ${Object.entries(RUNTIMES)
      .map(([n, v]) => `${n} ${v}`)
      .join(", ")} in .runtimes/`,
  );
} else {
  mkdirSync(root, { recursive: true });
  const specs = missing.map(([name, version]) => `${name}@${version}`);
  console.log(`runtimes: installing ${specs.join(", ")} into .runtimes/ (npm registry)`);
  execFileSync(
    "npm",
    ["install", "--no-save", "--no-audit", "--no-fund", "--prefix", root, ...specs],
    {
      stdio: ["ignore", "inherit", "inherit"],
    },
  );
}
