import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, it } from "vitest";

// `pnpm docs` (TypeDoc, typedoc.json) fails on an undocumented export; this test runs the
// same check through scripts/check-docs.mjs, so `pnpm test` fails too, listing the symbols.
const root = fileURLToPath(new URL("..", import.meta.url));
const out = mkdtempSync(join(tmpdir(), "backprop-docs-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

interface Report {
  entryProblems: string[];
  undocumented: string[];
  coverage: Record<string, { exports: number; exportsDocumented: number }>;
}

const report = new Promise<Report>((resolve, reject) => {
  execFile(
    process.execPath,
    [join(root, "scripts/check-docs.mjs"), "--json", "--out", out],
    { cwd: root, maxBuffer: 16 << 20, timeout: 110_000 },
    (error, stdout, stderr) => {
      try {
        resolve(JSON.parse(stdout));
      } catch {
        reject(new Error(`check-docs did not report: ${error?.message ?? ""}\n${stderr}`));
      }
    },
  );
});

it("typedoc.json documents every public entry point of every package", async () => {
  expect((await report).entryProblems).toEqual([]);
});

it("every exported symbol has a doc comment", async () => {
  // On failure the list names each symbol as "@backprop/x: Name.member (Kind) in src/file.ts".
  expect((await report).undocumented).toEqual([]);
  for (const [name, r] of Object.entries((await report).coverage)) {
    expect(`${name} ${r.exportsDocumented}/${r.exports}`).toBe(`${name} ${r.exports}/${r.exports}`);
  }
});

it("renders the reference, with Network.predict in it", async () => {
  await report;
  expect(existsSync(join(out, "index.html"))).toBe(true);
  const network = readFileSync(join(out, "classes/_backprop_network.Network.html"), "utf8");
  expect(network).toContain("predict");
});
