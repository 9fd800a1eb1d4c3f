#!/usr/bin/env node
// Run by `pnpm version-packages` before `changeset version`: a package's first changelog
// entry is its `.changeset/<name>-first-release.md`, not the development history.
//
// Until a package is first released (version 0.0.0), every change to it is development
// history: changesets written along the way ("review fixes", "SIMD for float32", …) mean
// nothing to someone installing version 0.1.0. So, for each public package still at 0.0.0:
//   - a changeset whose file name ends in "-first-release.md" and names the package must
//     exist (it says what the first release holds); without one this exits 1;
//   - every other changeset loses its line for that package, and a changeset left with no
//     package is deleted (git keeps it; `changeset version` would delete it anyway).
// Packages already released keep every changeset. `--dry-run` prints and changes nothing.
//
// Usage: node scripts/first-release-changesets.mjs [--dry-run]

import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CHANGESETS = join(REPO, ".changeset");
const dryRun = process.argv.includes("--dry-run");

/** Public packages of the workspace still at 0.0.0 (never released). */
function unreleasedPackages() {
  const names = new Set();
  for (const group of ["packages", "apps"]) {
    for (const folder of readdirSync(join(REPO, group))) {
      const file = join(REPO, group, folder, "package.json");
      if (!existsSync(file)) continue;
      const manifest = JSON.parse(readFileSync(file, "utf8"));
      if (!manifest.private && manifest.version === "0.0.0") names.add(manifest.name);
    }
  }
  return names;
}

/** A changeset's frontmatter lines (`"name": bump`) and the text after it. */
function parseChangeset(text) {
  const match = /^---\n([\s\S]*?)\n?---\n?([\s\S]*)$/.exec(text);
  if (!match) return null;
  const releases = match[1]
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => ({ line, name: /^\s*["']?([^"':]+)["']?\s*:/.exec(line)?.[1] }));
  return { releases, body: match[2] };
}

const unreleased = unreleasedPackages();
if (unreleased.size === 0) {
  console.log("first-release-changesets: every public package has been released; nothing to do");
  process.exit(0);
}

const files = readdirSync(CHANGESETS).filter((f) => f.endsWith(".md") && f !== "README.md");
const parsed = new Map();
for (const f of files) {
  const changeset = parseChangeset(readFileSync(join(CHANGESETS, f), "utf8"));
  if (changeset) parsed.set(f, changeset);
}

const firstRelease = new Map();
for (const [f, { releases }] of parsed) {
  if (!f.endsWith("-first-release.md")) continue;
  for (const { name } of releases) if (unreleased.has(name)) firstRelease.set(name, f);
}
const missing = [...unreleased].filter((name) => !firstRelease.has(name));
if (missing.length > 0) {
  for (const name of missing) {
    console.error(
      `first-release-changesets: ${name} is unreleased (0.0.0) and no .changeset/*-first-release.md names it: write one that says what its first release holds`,
    );
  }
  process.exit(1);
}

let deleted = 0;
let trimmed = 0;
for (const [f, { releases, body }] of parsed) {
  if (f.endsWith("-first-release.md")) continue;
  const kept = releases.filter(({ name }) => !unreleased.has(name));
  if (kept.length === releases.length) continue;
  if (kept.length === 0) {
    deleted++;
    console.log(`  delete ${f} (development history of unreleased packages)`);
    if (!dryRun) rmSync(join(CHANGESETS, f));
  } else {
    trimmed++;
    console.log(`  trim   ${f}: keeps ${kept.map((r) => r.name).join(", ")}`);
    if (!dryRun) {
      const text = `---\n${kept.map((r) => r.line).join("\n")}\n---\n${body}`;
      writeFileSync(join(CHANGESETS, f), text);
    }
  }
}
console.log(
  `first-release-changesets: ${[...firstRelease.values()].length} first releases (${[...unreleased].join(", ")}); ${deleted} changesets ${dryRun ? "would be " : ""}deleted, ${trimmed} trimmed`,
);
